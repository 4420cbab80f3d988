/* GPIO pins of IO bank 0 (GP0..GP29): function select, pads, and the SIO's
 * single-cycle output/input registers. */
#ifndef GPIO_H
#define GPIO_H

#include <stdbool.h>
#include <stdint.h>

enum gpio_function {
  GPIO_FUNC_UART = 2,
  GPIO_FUNC_SIO = 5,
  GPIO_FUNC_NULL = 0x1f,
};

enum gpio_pull {
  GPIO_PULL_NONE = 0,
  GPIO_PULL_UP = 1,
  GPIO_PULL_DOWN = 2,
};

/* Takes IO bank 0 and its pads out of reset (once; later calls do nothing). */
void gpio_init(void);

/* Routes `pin` to a peripheral function, input and output buffers enabled. */
void gpio_set_function(uint32_t pin, enum gpio_function function);

/* Makes `pin` a software-driven output, starting at `level`. */
void gpio_set_output(uint32_t pin, bool level);

/* Makes `pin` a software-read input with the given pull. */
void gpio_set_input(uint32_t pin, enum gpio_pull pull);

void gpio_write(uint32_t pin, bool level);
void gpio_toggle(uint32_t pin);
bool gpio_read(uint32_t pin);

#endif
