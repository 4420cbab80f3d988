/* USB descriptors of the CDC-ACM device (USB 2.0 chapter 9; CDC 1.2 and its
 * PSTN subclass for the functional descriptors; the interface association
 * descriptor from the IAD ECN). */
#include "usb_cdc.h"

#define LO(x) ((uint8_t)((x) & 0xffu))
#define HI(x) ((uint8_t)(((x) >> 8) & 0xffu))

enum {
  DESC_DEVICE = 1,
  DESC_CONFIGURATION = 2,
  DESC_STRING = 3,
  DESC_INTERFACE = 4,
  DESC_ENDPOINT = 5,
  DESC_INTERFACE_ASSOCIATION = 11,
  DESC_CS_INTERFACE = 0x24,
  CLASS_CDC = 0x02,
  CLASS_CDC_DATA = 0x0a,
  SUBCLASS_ACM = 0x02,
  ENDPOINT_BULK = 2,
  ENDPOINT_INTERRUPT = 3,
  STRING_MANUFACTURER = 1,
  STRING_PRODUCT = 2,
  STRING_SERIAL = 3,
};

static uint8_t device_descriptor[18] = {
    18, DESC_DEVICE,
    LO(0x0200), HI(0x0200), /* USB 2.0 */
    0xef, 0x02, 0x01,       /* miscellaneous class with IADs */
    USB_EP0_SIZE,
    0, 0, /* vendor id: filled in */
    0, 0, /* product id */
    0, 0, /* device release */
    STRING_MANUFACTURER, STRING_PRODUCT, STRING_SERIAL,
    1, /* configurations */
};

#define CONFIGURATION_LENGTH (9 + 8 + 9 + 5 + 5 + 4 + 5 + 7 + 9 + 7 + 7)

static const uint8_t configuration_descriptor[CONFIGURATION_LENGTH] = {
    9, DESC_CONFIGURATION, LO(CONFIGURATION_LENGTH), HI(CONFIGURATION_LENGTH),
    2,    /* interfaces */
    1,    /* bConfigurationValue */
    0,    /* no string */
    0x80, /* bus-powered, no remote wake-up */
    50,   /* 100 mA */

    /* both interfaces form one function */
    8, DESC_INTERFACE_ASSOCIATION, USB_CDC_COMM_INTERFACE, 2, CLASS_CDC, SUBCLASS_ACM, 0, 0,

    /* communication interface: one notification endpoint */
    9, DESC_INTERFACE, USB_CDC_COMM_INTERFACE, 0, 1, CLASS_CDC, SUBCLASS_ACM, 0, 0,
    5, DESC_CS_INTERFACE, 0x00, LO(0x0120), HI(0x0120), /* header: CDC 1.20 */
    5, DESC_CS_INTERFACE, 0x01, 0x00, USB_CDC_DATA_INTERFACE, /* call management: none */
    4, DESC_CS_INTERFACE, 0x02, 0x02, /* ACM: line coding and control line state */
    5, DESC_CS_INTERFACE, 0x06, USB_CDC_COMM_INTERFACE, USB_CDC_DATA_INTERFACE, /* union */
    7, DESC_ENDPOINT, 0x80 | USB_CDC_NOTIFY_EP, ENDPOINT_INTERRUPT, LO(USB_CDC_NOTIFY_SIZE), HI(USB_CDC_NOTIFY_SIZE),
    16, /* ms */

    /* data interface: bulk OUT and IN */
    9, DESC_INTERFACE, USB_CDC_DATA_INTERFACE, 0, 2, CLASS_CDC_DATA, 0, 0, 0,
    7, DESC_ENDPOINT, USB_CDC_DATA_EP, ENDPOINT_BULK, LO(USB_CDC_DATA_SIZE), HI(USB_CDC_DATA_SIZE), 0,
    7, DESC_ENDPOINT, 0x80 | USB_CDC_DATA_EP, ENDPOINT_BULK, LO(USB_CDC_DATA_SIZE), HI(USB_CDC_DATA_SIZE), 0,
};

const uint8_t *usb_descriptor_device(const struct usb_cdc_identity *identity, uint16_t *length) {
  device_descriptor[8] = LO(identity->vendor_id);
  device_descriptor[9] = HI(identity->vendor_id);
  device_descriptor[10] = LO(identity->product_id);
  device_descriptor[11] = HI(identity->product_id);
  device_descriptor[12] = LO(identity->device_release);
  device_descriptor[13] = HI(identity->device_release);
  *length = sizeof device_descriptor;
  return device_descriptor;
}

const uint8_t *usb_descriptor_configuration(uint16_t *length) {
  *length = sizeof configuration_descriptor;
  return configuration_descriptor;
}

const uint8_t *usb_descriptor_string(const struct usb_cdc_identity *identity, uint8_t index, uint8_t *buffer,
                                     uint16_t *length) {
  const char *text;
  switch (index) {
    case 0: /* the supported languages: US English */
      buffer[0] = 4;
      buffer[1] = DESC_STRING;
      buffer[2] = LO(0x0409);
      buffer[3] = HI(0x0409);
      *length = 4;
      return buffer;
    case STRING_MANUFACTURER:
      text = identity->manufacturer;
      break;
    case STRING_PRODUCT:
      text = identity->product;
      break;
    case STRING_SERIAL:
      text = identity->serial_number;
      break;
    default:
      return 0;
  }
  /* ASCII to UTF-16LE */
  uint32_t n = 0;
  while (text[n] && n < USB_CDC_MAX_STRING) {
    buffer[2 + 2 * n] = (uint8_t)text[n];
    buffer[3 + 2 * n] = 0;
    n++;
  }
  buffer[0] = (uint8_t)(2 + 2 * n);
  buffer[1] = DESC_STRING;
  *length = (uint16_t)(2 + 2 * n);
  return buffer;
}
