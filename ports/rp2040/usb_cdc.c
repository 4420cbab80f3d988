/* USB CDC-ACM device on the RP2040 USB controller (RP2040 datasheet 4.1;
 * USB 2.0 chapters 8 and 9; CDC 1.2 / PSTN 1.2 class requests).
 *
 * Everything that touches the controller runs in its interrupt handler, or in
 * application context with interrupts masked for the few instructions that
 * (re)arm an endpoint, so the state below has a single writer at a time.
 *
 * The controller's 4 KB dual-port RAM holds the endpoint control registers
 * (one per endpoint and direction: enable, type, buffer address), the buffer
 * control registers (length, FULL, DATA0/1, STALL, AVAILABLE: who owns the
 * buffer) and the packet buffers:
 *   0x000 setup packet      0x100 EP0 buffer (IN and OUT share it)
 *   0x180 EP1 IN  (CDC notifications, never sent)
 *   0x1c0 EP2 OUT (bulk data from the host)
 *   0x200 EP2 IN  (bulk data to the host)
 *
 * Data flow: a bulk OUT packet lands in rx_ring; the OUT buffer is handed back
 * to the controller only while rx_ring has room for a whole packet, so when
 * the application stops reading, the host gets NAKs and waits (flow control;
 * nothing is dropped). usb_cdc_write fills tx_ring, drained 64 bytes per IN
 * packet; a transfer that ends on a full-size packet is closed by a
 * zero-length packet so the host's read returns. */
#include "usb_cdc.h"

#include "rp2040.h"

/* ---- controller registers --------------------------------------------- */
#define USB_ADDR_ENDP (USBCTRL_REGS_BASE + 0x00u)
#define USB_MAIN_CTRL (USBCTRL_REGS_BASE + 0x40u)
#define USB_SIE_CTRL (USBCTRL_REGS_BASE + 0x4cu)
#define USB_SIE_STATUS (USBCTRL_REGS_BASE + 0x50u)
#define USB_BUFF_STATUS (USBCTRL_REGS_BASE + 0x58u)
#define USB_EP_STALL_ARM (USBCTRL_REGS_BASE + 0x68u)
#define USB_MUXING (USBCTRL_REGS_BASE + 0x74u)
#define USB_PWR (USBCTRL_REGS_BASE + 0x78u)
#define USB_INTE (USBCTRL_REGS_BASE + 0x90u)
#define USB_INTS (USBCTRL_REGS_BASE + 0x98u)

#define MAIN_CTRL_CONTROLLER_EN (1u << 0)
#define SIE_CTRL_PULLUP_EN (1u << 16)
#define SIE_CTRL_EP0_INT_1BUF (1u << 29)
#define SIE_STATUS_SETUP_REC (1u << 17)
#define SIE_STATUS_BUS_RESET (1u << 19)
#define MUXING_TO_PHY (1u << 0)
#define MUXING_SOFTCON (1u << 3)
/* No VBUS sense pin is wired to the controller on a Pico: say VBUS is there. */
#define PWR_VBUS_DETECT (1u << 2)
#define PWR_VBUS_DETECT_OVERRIDE_EN (1u << 3)
#define INT_BUFF_STATUS (1u << 4)
#define INT_BUS_RESET (1u << 12)
#define INT_SETUP_REQ (1u << 16)
#define STALL_ARM_EP0_IN (1u << 0)
#define STALL_ARM_EP0_OUT (1u << 1)

/* ---- dual-port RAM ----------------------------------------------------- */
#define DPRAM(offset) (USBCTRL_DPRAM_BASE + (offset))
#define EP_CTRL_IN(ep) (0x08u + 8u * ((ep)-1u))
#define EP_CTRL_OUT(ep) (0x0cu + 8u * ((ep)-1u))
#define BUF_CTRL_IN(ep) (0x80u + 8u * (ep))
#define BUF_CTRL_OUT(ep) (0x84u + 8u * (ep))
#define EP0_BUFFER 0x100u
#define NOTIFY_BUFFER 0x180u
#define DATA_OUT_BUFFER 0x1c0u
#define DATA_IN_BUFFER 0x200u
#define DPRAM_SIZE 4096u

#define EP_CTRL_ENABLE (1u << 31)
#define EP_CTRL_INTERRUPT_PER_BUFFER (1u << 29)
#define EP_CTRL_TYPE_LSB 26
#define EP_TYPE_BULK 2u
#define EP_TYPE_INTERRUPT 3u

#define BUF_FULL (1u << 15)
#define BUF_DATA1 (1u << 13)
#define BUF_STALL (1u << 11)
#define BUF_AVAILABLE (1u << 10)
#define BUF_LENGTH_MASK 0x3ffu

/* BUFF_STATUS: bit 2n = endpoint n IN, bit 2n+1 = endpoint n OUT */
#define DONE_EP0_IN (1u << 0)
#define DONE_EP0_OUT (1u << 1)
#define DONE_DATA_IN (1u << (2 * USB_CDC_DATA_EP))
#define DONE_DATA_OUT (1u << (2 * USB_CDC_DATA_EP + 1))

/* ---- requests ---------------------------------------------------------- */
enum {
  REQ_GET_STATUS = 0,
  REQ_CLEAR_FEATURE = 1,
  REQ_SET_ADDRESS = 5,
  REQ_GET_DESCRIPTOR = 6,
  REQ_GET_CONFIGURATION = 8,
  REQ_SET_CONFIGURATION = 9,
  REQ_GET_INTERFACE = 10,
  REQ_SET_INTERFACE = 11,
  CDC_SET_LINE_CODING = 0x20,
  CDC_GET_LINE_CODING = 0x21,
  CDC_SET_CONTROL_LINE_STATE = 0x22,
  CDC_SEND_BREAK = 0x23,
  DESC_DEVICE = 1,
  DESC_CONFIGURATION = 2,
  DESC_STRING = 3,
  FEATURE_ENDPOINT_HALT = 0,
  RECIPIENT_DEVICE = 0,
  RECIPIENT_INTERFACE = 1,
  RECIPIENT_ENDPOINT = 2,
  TYPE_STANDARD = 0,
  TYPE_CLASS = 1,
  LINE_CODING_SIZE = 7,
};

/* ---- state ------------------------------------------------------------- */
#define RING_SIZE 1024u /* a power of two, at least two packets */

static const struct usb_cdc_identity *identity;
static volatile bool configured;
static volatile uint8_t control_lines; /* bit 0 DTR, bit 1 RTS */
static struct usb_cdc_line_coding line_coding = {115200, 0, 0, 8};

enum ep0_stage { EP0_IDLE, EP0_DATA_IN, EP0_STATUS_IN, EP0_DATA_OUT, EP0_STATUS_OUT };
static struct {
  enum ep0_stage stage;
  const uint8_t *in_data;
  uint32_t in_left;
  bool in_zlp; /* the data stage still owes a zero-length packet */
  uint32_t in_pid;
  uint8_t out_request; /* the host-to-device request whose data stage runs */
  bool address_pending;
  uint8_t address;
} ep0;
static uint8_t ep0_reply[8];
static uint8_t string_descriptor[2 + 2 * USB_CDC_MAX_STRING];

static volatile uint8_t rx_ring[RING_SIZE];
static volatile uint32_t rx_head, rx_tail; /* head: ISR, tail: usb_cdc_read */
static volatile uint8_t tx_ring[RING_SIZE];
static volatile uint32_t tx_head, tx_tail; /* head: usb_cdc_write, tail: ISR */
static volatile bool out_armed, in_busy, in_last_full;
static uint32_t out_pid, in_pid;

/* ---- buffers ----------------------------------------------------------- */

/* Hands a buffer to the controller. The controller reads buffer control on
 * clk_usb (48 MHz), slower than clk_sys: the datasheet asks for AVAILABLE to
 * be set in a second write, a few cycles after the rest. */
static void buffer_give(uint32_t buf_ctrl, uint32_t value) {
  REG(DPRAM(buf_ctrl)) = value;
  __asm__ volatile("nop\n nop\n nop\n nop\n nop\n nop\n nop\n nop");
  REG(DPRAM(buf_ctrl)) = value | BUF_AVAILABLE;
}

/* The DPRAM is written in whole words (buffers are 64-byte aligned). */
static void dpram_write(uint32_t offset, const uint8_t *bytes, uint32_t n) {
  for (uint32_t i = 0; i < n; i += 4) {
    uint32_t word = 0;
    for (uint32_t k = 0; k < 4 && i + k < n; k++) word |= (uint32_t)bytes[i + k] << (8 * k);
    REG(DPRAM(offset + i)) = word;
  }
}

/* ---- endpoint 0 -------------------------------------------------------- */

static void ep0_stall(void) {
  REG(USB_EP_STALL_ARM) = STALL_ARM_EP0_IN | STALL_ARM_EP0_OUT;
  REG(DPRAM(BUF_CTRL_IN(0))) = BUF_STALL;
  REG(DPRAM(BUF_CTRL_OUT(0))) = BUF_STALL;
  ep0.stage = EP0_IDLE;
}

static void ep0_send_next_packet(void) {
  uint32_t n = ep0.in_left < USB_EP0_SIZE ? ep0.in_left : USB_EP0_SIZE;
  if (n == 0) ep0.in_zlp = false;
  dpram_write(EP0_BUFFER, ep0.in_data, n);
  ep0.in_data += n;
  ep0.in_left -= n;
  buffer_give(BUF_CTRL_IN(0), n | BUF_FULL | ep0.in_pid);
  ep0.in_pid ^= BUF_DATA1;
}

/* Data stage device-to-host: at most `requested` bytes, in 64-byte packets;
 * a reply shorter than requested that ends on a full packet gets a
 * zero-length packet so the host knows it ended. */
static void ep0_reply_with(const uint8_t *data, uint32_t length, uint32_t requested) {
  if (length > requested) length = requested;
  ep0.in_data = data;
  ep0.in_left = length;
  ep0.in_zlp = length < requested && length % USB_EP0_SIZE == 0;
  ep0.in_pid = BUF_DATA1;
  ep0.stage = EP0_DATA_IN;
  ep0_send_next_packet();
}

/* Status stage of a request without a device-to-host data stage. */
static void ep0_acknowledge(void) {
  ep0.stage = EP0_STATUS_IN;
  buffer_give(BUF_CTRL_IN(0), BUF_FULL | BUF_DATA1);
}

static void ep0_receive(uint8_t request) {
  ep0.stage = EP0_DATA_OUT;
  ep0.out_request = request;
  buffer_give(BUF_CTRL_OUT(0), USB_EP0_SIZE | BUF_DATA1);
}

static void ep0_in_done(void) {
  if (ep0.stage == EP0_DATA_IN) {
    if (ep0.in_left > 0 || ep0.in_zlp) {
      ep0_send_next_packet();
    } else {
      ep0.stage = EP0_STATUS_OUT; /* the host's zero-length OUT */
      buffer_give(BUF_CTRL_OUT(0), USB_EP0_SIZE | BUF_DATA1);
    }
  } else if (ep0.stage == EP0_STATUS_IN) {
    /* SET_ADDRESS takes effect only after its status stage (USB 2.0 9.4.6) */
    if (ep0.address_pending) {
      REG(USB_ADDR_ENDP) = ep0.address;
      ep0.address_pending = false;
    }
    ep0.stage = EP0_IDLE;
  }
}

static void ep0_out_done(void) {
  if (ep0.stage == EP0_DATA_OUT) {
    uint32_t length = REG(DPRAM(BUF_CTRL_OUT(0))) & BUF_LENGTH_MASK;
    if (ep0.out_request == CDC_SET_LINE_CODING && length >= LINE_CODING_SIZE) {
      uint32_t w0 = REG(DPRAM(EP0_BUFFER)), w1 = REG(DPRAM(EP0_BUFFER + 4));
      line_coding.baud = w0;
      line_coding.stop_bits = (uint8_t)w1;
      line_coding.parity = (uint8_t)(w1 >> 8);
      line_coding.data_bits = (uint8_t)(w1 >> 16);
    }
    ep0_acknowledge();
  } else if (ep0.stage == EP0_STATUS_OUT) {
    ep0.stage = EP0_IDLE;
  }
}

/* ---- bulk endpoints ---------------------------------------------------- */

static void out_try_arm(void) {
  if (!configured || out_armed) return;
  if (RING_SIZE - (rx_head - rx_tail) < USB_CDC_DATA_SIZE) return;
  out_armed = true;
  buffer_give(BUF_CTRL_OUT(USB_CDC_DATA_EP), USB_CDC_DATA_SIZE | out_pid);
  out_pid ^= BUF_DATA1;
}

static void out_done(void) {
  uint32_t n = REG(DPRAM(BUF_CTRL_OUT(USB_CDC_DATA_EP))) & BUF_LENGTH_MASK;
  if (n > USB_CDC_DATA_SIZE) n = USB_CDC_DATA_SIZE;
  uint32_t head = rx_head;
  for (uint32_t i = 0; i < n; i += 4) {
    uint32_t word = REG(DPRAM(DATA_OUT_BUFFER + i));
    for (uint32_t k = 0; k < 4 && i + k < n; k++) rx_ring[(head + i + k) % RING_SIZE] = (uint8_t)(word >> (8 * k));
  }
  compiler_barrier();
  rx_head = head + n;
  out_armed = false;
  out_try_arm();
}

static void in_try_send(void) {
  if (!configured || in_busy) return;
  uint32_t tail = tx_tail;
  uint32_t waiting = tx_head - tail;
  if (waiting == 0 && !in_last_full) return;
  uint32_t n = waiting < USB_CDC_DATA_SIZE ? waiting : USB_CDC_DATA_SIZE;
  for (uint32_t i = 0; i < n; i += 4) {
    uint32_t word = 0;
    for (uint32_t k = 0; k < 4 && i + k < n; k++) word |= (uint32_t)tx_ring[(tail + i + k) % RING_SIZE] << (8 * k);
    REG(DPRAM(DATA_IN_BUFFER + i)) = word;
  }
  tx_tail = tail + n;
  in_last_full = n == USB_CDC_DATA_SIZE;
  in_busy = true;
  buffer_give(BUF_CTRL_IN(USB_CDC_DATA_EP), n | BUF_FULL | in_pid);
  in_pid ^= BUF_DATA1;
}

static void in_done(void) {
  in_busy = false;
  in_try_send();
}

static void set_configured(bool on) {
  uint32_t bulk = EP_CTRL_ENABLE | EP_CTRL_INTERRUPT_PER_BUFFER | (EP_TYPE_BULK << EP_CTRL_TYPE_LSB);
  uint32_t interrupt = EP_CTRL_ENABLE | EP_CTRL_INTERRUPT_PER_BUFFER | (EP_TYPE_INTERRUPT << EP_CTRL_TYPE_LSB);
  REG(DPRAM(EP_CTRL_IN(USB_CDC_NOTIFY_EP))) = on ? interrupt | NOTIFY_BUFFER : 0;
  REG(DPRAM(EP_CTRL_OUT(USB_CDC_DATA_EP))) = on ? bulk | DATA_OUT_BUFFER : 0;
  REG(DPRAM(EP_CTRL_IN(USB_CDC_DATA_EP))) = on ? bulk | DATA_IN_BUFFER : 0;
  /* Configuring resets the data toggles to DATA0 (USB 2.0 9.1.1.5). */
  out_pid = 0;
  in_pid = 0;
  out_armed = false;
  in_busy = false;
  in_last_full = false;
  configured = on;
  if (on) {
    out_try_arm();
    in_try_send();
  }
}

/* ---- requests ---------------------------------------------------------- */

static void get_descriptor(uint16_t value, uint16_t length) {
  uint16_t size = 0;
  const uint8_t *descriptor = 0;
  switch (value >> 8) {
    case DESC_DEVICE:
      descriptor = usb_descriptor_device(identity, &size);
      break;
    case DESC_CONFIGURATION:
      descriptor = usb_descriptor_configuration(&size);
      break;
    case DESC_STRING:
      descriptor = usb_descriptor_string(identity, (uint8_t)value, string_descriptor, &size);
      break;
    default: /* device qualifier and others: a full-speed-only device has none */
      break;
  }
  if (descriptor) {
    ep0_reply_with(descriptor, size, length);
  } else {
    ep0_stall();
  }
}

static void standard_request(uint8_t recipient, uint8_t request, uint16_t value, uint16_t index, uint16_t length) {
  switch (request) {
    case REQ_GET_STATUS:
      ep0_reply[0] = 0; /* bus-powered, no remote wake-up; endpoints never halted */
      ep0_reply[1] = 0;
      ep0_reply_with(ep0_reply, 2, length);
      return;
    case REQ_CLEAR_FEATURE:
      if (recipient == RECIPIENT_ENDPOINT && value == FEATURE_ENDPOINT_HALT) {
        /* Clearing a halt resets the endpoint's data toggle. */
        if ((index & 0x7fu) == USB_CDC_DATA_EP) {
          if (index & 0x80u) {
            if (!in_busy) in_pid = 0;
          } else if (!out_armed) {
            out_pid = 0;
          }
        }
        ep0_acknowledge();
        return;
      }
      break;
    case REQ_SET_ADDRESS:
      ep0.address = (uint8_t)(value & 0x7fu);
      ep0.address_pending = true;
      ep0_acknowledge();
      return;
    case REQ_GET_DESCRIPTOR:
      get_descriptor(value, length);
      return;
    case REQ_GET_CONFIGURATION:
      ep0_reply[0] = configured ? 1 : 0;
      ep0_reply_with(ep0_reply, 1, length);
      return;
    case REQ_SET_CONFIGURATION:
      if (value > 1) break;
      set_configured(value == 1);
      ep0_acknowledge();
      return;
    case REQ_GET_INTERFACE:
      ep0_reply[0] = 0;
      ep0_reply_with(ep0_reply, 1, length);
      return;
    case REQ_SET_INTERFACE:
      if (value != 0) break; /* one alternate setting per interface */
      ep0_acknowledge();
      return;
    default:
      break;
  }
  ep0_stall();
}

static void cdc_request(uint8_t request, uint16_t value, uint16_t length) {
  switch (request) {
    case CDC_SET_LINE_CODING:
      if (length < LINE_CODING_SIZE) break;
      ep0_receive(request);
      return;
    case CDC_GET_LINE_CODING: {
      uint32_t baud = line_coding.baud;
      ep0_reply[0] = (uint8_t)baud;
      ep0_reply[1] = (uint8_t)(baud >> 8);
      ep0_reply[2] = (uint8_t)(baud >> 16);
      ep0_reply[3] = (uint8_t)(baud >> 24);
      ep0_reply[4] = line_coding.stop_bits;
      ep0_reply[5] = line_coding.parity;
      ep0_reply[6] = line_coding.data_bits;
      ep0_reply_with(ep0_reply, LINE_CODING_SIZE, length);
      return;
    }
    case CDC_SET_CONTROL_LINE_STATE:
      control_lines = (uint8_t)(value & 3u);
      ep0_acknowledge();
      return;
    case CDC_SEND_BREAK:
      ep0_acknowledge();
      return;
    default:
      break;
  }
  ep0_stall();
}

static void setup_received(void) {
  uint32_t w0 = REG(DPRAM(0)), w1 = REG(DPRAM(4));
  uint8_t request_type = (uint8_t)w0;
  uint8_t request = (uint8_t)(w0 >> 8);
  uint16_t value = (uint16_t)(w0 >> 16);
  uint16_t index = (uint16_t)w1;
  uint16_t length = (uint16_t)(w1 >> 16);
  uint8_t type = (request_type >> 5) & 3u;
  uint8_t recipient = request_type & 0x1fu;
  /* A SETUP ends whatever endpoint 0 was doing. */
  ep0.stage = EP0_IDLE;
  ep0.address_pending = false;
  if (type == TYPE_STANDARD) {
    standard_request(recipient, request, value, index, length);
  } else if (type == TYPE_CLASS && (recipient == RECIPIENT_INTERFACE || recipient == RECIPIENT_DEVICE)) {
    /* The ACM requests address the communication interface; some hosts
     * (rp2040js's USBCDC among them) send them to the device. */
    cdc_request(request, value, length);
  } else {
    ep0_stall();
  }
}

static void bus_reset(void) {
  REG(USB_ADDR_ENDP) = 0;
  ep0.stage = EP0_IDLE;
  ep0.address_pending = false;
  control_lines = 0;
  set_configured(false);
  tx_tail = tx_head; /* what was queued for the previous session is dropped */
}

void isr_usbctrl(void) {
  uint32_t pending = REG(USB_INTS);
  if (pending & INT_BUS_RESET) {
    bus_reset();
    REG(USB_SIE_STATUS) = SIE_STATUS_BUS_RESET;
  }
  if (pending & INT_BUFF_STATUS) {
    uint32_t done = REG(USB_BUFF_STATUS);
    REG(USB_BUFF_STATUS) = done; /* before handling: a buffer given back may complete at once */
    if (done & DONE_EP0_IN) ep0_in_done();
    if (done & DONE_EP0_OUT) ep0_out_done();
    if (done & DONE_DATA_IN) in_done();
    if (done & DONE_DATA_OUT) out_done();
  }
  if (pending & INT_SETUP_REQ) {
    REG(USB_SIE_STATUS) = SIE_STATUS_SETUP_REC;
    setup_received();
  }
}

/* ---- application side -------------------------------------------------- */

void usb_cdc_init(const struct usb_cdc_identity *id) {
  identity = id;
  resets_hold(RESET_USBCTRL);
  resets_release(RESET_USBCTRL);
  for (uint32_t offset = 0; offset < DPRAM_SIZE; offset += 4) REG(DPRAM(offset)) = 0;
  REG(USB_MUXING) = MUXING_TO_PHY | MUXING_SOFTCON;
  REG(USB_PWR) = PWR_VBUS_DETECT | PWR_VBUS_DETECT_OVERRIDE_EN;
  REG(USB_SIE_CTRL) = SIE_CTRL_EP0_INT_1BUF;
  REG(USB_INTE) = INT_BUFF_STATUS | INT_BUS_RESET | INT_SETUP_REQ;
  REG(USB_MAIN_CTRL) = MAIN_CTRL_CONTROLLER_EN;
  REG_SET(USB_SIE_CTRL) = SIE_CTRL_PULLUP_EN; /* the host sees a device attach */
  irq_enable(IRQ_USBCTRL);
}

bool usb_cdc_configured(void) {
  return configured;
}

bool usb_cdc_dtr(void) {
  return control_lines & 1u;
}

struct usb_cdc_line_coding usb_cdc_line_coding(void) {
  uint32_t saved = irq_save();
  struct usb_cdc_line_coding coding = line_coding;
  irq_restore(saved);
  return coding;
}

size_t usb_cdc_available(void) {
  return rx_head - rx_tail;
}

size_t usb_cdc_read(uint8_t *out, size_t max) {
  uint32_t tail = rx_tail;
  uint32_t n = rx_head - tail;
  if (n > max) n = (uint32_t)max;
  for (uint32_t i = 0; i < n; i++) out[i] = rx_ring[(tail + i) % RING_SIZE];
  compiler_barrier();
  rx_tail = tail + n;
  if (n > 0 && !out_armed) {
    uint32_t saved = irq_save();
    out_try_arm();
    irq_restore(saved);
  }
  return n;
}

size_t usb_cdc_write_space(void) {
  return RING_SIZE - (tx_head - tx_tail);
}

size_t usb_cdc_write(const uint8_t *bytes, size_t n) {
  if (!configured) return 0;
  uint32_t head = tx_head;
  uint32_t space = RING_SIZE - (head - tx_tail);
  if (n > space) n = space;
  for (uint32_t i = 0; i < n; i++) tx_ring[(head + i) % RING_SIZE] = bytes[i];
  compiler_barrier();
  tx_head = head + (uint32_t)n;
  if (n > 0 && !in_busy) {
    uint32_t saved = irq_save();
    in_try_send();
    irq_restore(saved);
  }
  return n;
}
