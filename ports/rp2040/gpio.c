/* GPIO (RP2040 datasheet 2.19): IO_BANK0 selects each pin's function,
 * PADS_BANK0 its electrical set-up, and the SIO drives and samples pins
 * set to the SIO function. */
#include "gpio.h"

#include "board.h"
#include "rp2040.h"

#define GPIO_CTRL(pin) (IO_BANK0_BASE + 8u * (pin) + 4u)
#define PADS_GPIO(pin) (PADS_BANK0_BASE + 4u + 4u * (pin))
#define PADS_OD (1u << 7)
#define PADS_IE (1u << 6)
#define PADS_PUE (1u << 3)
#define PADS_PDE (1u << 2)

#define SIO_GPIO_IN (SIO_BASE + 0x04u)
#define SIO_GPIO_OUT_SET (SIO_BASE + 0x14u)
#define SIO_GPIO_OUT_CLR (SIO_BASE + 0x18u)
#define SIO_GPIO_OUT_XOR (SIO_BASE + 0x1cu)
#define SIO_GPIO_OE_SET (SIO_BASE + 0x24u)
#define SIO_GPIO_OE_CLR (SIO_BASE + 0x28u)

static bool gpio_ready;

void gpio_init(void) {
  if (gpio_ready) return;
  resets_release(RESET_IO_BANK0 | RESET_PADS_BANK0);
  gpio_ready = true;
}

void gpio_set_function(uint32_t pin, enum gpio_function function) {
  REG_SET(PADS_GPIO(pin)) = PADS_IE;
  REG_CLR(PADS_GPIO(pin)) = PADS_OD;
  REG(GPIO_CTRL(pin)) = (uint32_t)function;
}

void gpio_set_output(uint32_t pin, bool level) {
  uint32_t bit = 1u << pin;
  REG(level ? SIO_GPIO_OUT_SET : SIO_GPIO_OUT_CLR) = bit;
  REG(SIO_GPIO_OE_SET) = bit;
  gpio_set_function(pin, GPIO_FUNC_SIO);
}

void gpio_set_input(uint32_t pin, enum gpio_pull pull) {
  REG(SIO_GPIO_OE_CLR) = 1u << pin;
  REG_CLR(PADS_GPIO(pin)) = PADS_PUE | PADS_PDE;
  if (pull == GPIO_PULL_UP) REG_SET(PADS_GPIO(pin)) = PADS_PUE;
  if (pull == GPIO_PULL_DOWN) REG_SET(PADS_GPIO(pin)) = PADS_PDE;
  gpio_set_function(pin, GPIO_FUNC_SIO);
}

void gpio_write(uint32_t pin, bool level) {
  REG(level ? SIO_GPIO_OUT_SET : SIO_GPIO_OUT_CLR) = 1u << pin;
}

void gpio_toggle(uint32_t pin) {
  REG(SIO_GPIO_OUT_XOR) = 1u << pin;
}

bool gpio_read(uint32_t pin) {
  return (REG(SIO_GPIO_IN) >> pin) & 1u;
}
