/* A USB CDC-ACM device (a virtual serial port) on the RP2040's USB
 * controller: enumeration on endpoint 0, bulk OUT/IN data through ring
 * buffers, flow control by not arming the OUT endpoint while the receive ring
 * lacks room for a packet. */
#ifndef USB_CDC_H
#define USB_CDC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct usb_cdc_identity {
  uint16_t vendor_id;
  uint16_t product_id;
  uint16_t device_release; /* bcdDevice, e.g. 0x0100 */
  const char *manufacturer; /* ASCII, at most USB_CDC_MAX_STRING characters */
  const char *product;
  const char *serial_number;
};
#define USB_CDC_MAX_STRING 62

/* Line coding the host set (SET_LINE_CODING); only reported, since the data
 * never meets a real UART. */
struct usb_cdc_line_coding {
  uint32_t baud;
  uint8_t stop_bits; /* 0: 1, 1: 1.5, 2: 2 */
  uint8_t parity;    /* 0: none, 1: odd, 2: even, 3: mark, 4: space */
  uint8_t data_bits;
};

/* Starts the controller and connects (pull-up on D+). Needs clk_usb from
 * clocks_init. The identity strings must stay valid. */
void usb_cdc_init(const struct usb_cdc_identity *identity);

/* Whether the host has configured the device (bulk endpoints live). */
bool usb_cdc_configured(void);

/* DTR from the host's SET_CONTROL_LINE_STATE: a terminal has the port open. */
bool usb_cdc_dtr(void);

struct usb_cdc_line_coding usb_cdc_line_coding(void);

/* Up to `max` received bytes; returns how many (0 when none wait). */
size_t usb_cdc_read(uint8_t *out, size_t max);

/* Bytes waiting in the receive ring. */
size_t usb_cdc_available(void);

/* Queues up to `n` bytes for the host; returns how many fit (0 while the
 * transmit ring is full or the device is not configured). */
size_t usb_cdc_write(const uint8_t *bytes, size_t n);

/* Room in the transmit ring. */
size_t usb_cdc_write_space(void);

/* Descriptors (usb_descriptors.c). */
const uint8_t *usb_descriptor_device(const struct usb_cdc_identity *identity, uint16_t *length);
const uint8_t *usb_descriptor_configuration(uint16_t *length);
/* String descriptor `index` built into `buffer` (2 + 2 * USB_CDC_MAX_STRING
 * bytes); NULL for an index that does not exist. */
const uint8_t *usb_descriptor_string(const struct usb_cdc_identity *identity, uint8_t index, uint8_t *buffer,
                                     uint16_t *length);

/* Endpoint numbers and sizes the descriptors announce. */
#define USB_EP0_SIZE 64u
#define USB_CDC_NOTIFY_EP 1u
#define USB_CDC_NOTIFY_SIZE 16u
#define USB_CDC_DATA_EP 2u
#define USB_CDC_DATA_SIZE 64u
#define USB_CDC_COMM_INTERFACE 0u
#define USB_CDC_DATA_INTERFACE 1u

#endif
