// The USB host the emulated board is plugged into: it enumerates the
// firmware's CDC-ACM device the way Linux does and moves bulk data both ways.
// It replaces rp2040js's USBCDC, which skips the device descriptor and the
// strings and answers every armed OUT buffer at once (with 0 bytes when it
// has nothing), so it cannot check what a real host needs.
//
// On the controller's device-side callbacks (rp2040js RPUSBController):
//   - attach: once the controller is enabled and SIE_CTRL.PULLUP_EN is set
//     (a real host sees nothing before); USB_MUXING / USB_PWR missing the
//     settings a Pico needs are reported;
//   - enumeration: GET_DESCRIPTOR device (64), SET_ADDRESS 1 (ADDR_ENDP must
//     hold 1 before the next request), device (18), configuration (9, then
//     wTotalLength), strings 0 and the device's, SET_CONFIGURATION 1, then to
//     the CDC communication interface SET_LINE_CODING 115200 8N1 and
//     SET_CONTROL_LINE_STATE DTR|RTS;
//   - bulk OUT: a packet only when the host has data and the device has armed
//     its OUT buffer (otherwise the host is NAKed, as on a real bus);
//   - bulk IN: the device's IN buffer completes when the host has taken the
//     packet; while the host's consumer is backed up the host stops taking
//     them (the device sees its buffer still busy);
//   - bus time: bulk transactions share full-speed bandwidth, 19 64-byte
//     transactions per 1 ms frame (USB 2.0 section 5.8.4), in emulated time;
//   - DATA0/DATA1 toggles of IN packets are checked (a real host drops a
//     packet with the wrong toggle as a repeat).
// Anything a real host would not accept is reported through problem().

const MAX_PACKET_BULK = 64;
const BUF_AVAILABLE = 1 << 10;
const BUF_STALL = 1 << 11;
const BUF_DATA1 = 1 << 13;
const BUF_LEN_MASK = 0x3ff;
const SIE_CTRL_PULLUP_EN = 1 << 16;
const MAIN_CTRL_CONTROLLER_EN = 1;
const USB_MUXING = 0x74;
const USB_MUXING_TO_PHY = 1 << 0;
const USB_MUXING_SOFTCON = 1 << 3;
const USB_PWR_VBUS_DETECT = 1 << 2;
const USB_PWR_VBUS_DETECT_OVERRIDE_EN = 1 << 3;
/** ns of bus time per byte of a bulk transaction, its overhead counted: 1 ms / (19 * (64 + 13)). */
const BUS_NS_PER_BYTE = 1e6 / (19 * 77);
const BUS_OVERHEAD_BYTES = 13;
/** How long the host waits for a control request to finish (emulated ns). */
const CONTROL_TIMEOUT_NS = 500e6;
/** The host delay after SET_ADDRESS's status stage before the next request (USB 2.0: 2 ms recovery). */
const SET_ADDRESS_RECOVERY_NS = 2e6;

const hex = (n, width = 2) => `0x${n.toString(16).padStart(width, "0")}`;

function setup(bmRequestType, bRequest, wValue, wIndex, wLength) {
  return Uint8Array.of(bmRequestType, bRequest, wValue & 0xff, wValue >> 8, wIndex & 0xff, wIndex >> 8, wLength & 0xff, wLength >> 8);
}

/** A UTF-16LE string descriptor's text. */
function stringOf(descriptor) {
  let text = "";
  for (let i = 2; i + 1 < descriptor.length; i += 2) text += String.fromCharCode(descriptor[i] | (descriptor[i + 1] << 8));
  return text;
}

export class UsbCdcHost {
  /**
   * rp2040: the RP2040; options: problem(message), log(message),
   * onConnected(info), onData(bytes), onInPacket(endpoint, length),
   * backlog() (bytes the host's consumer has not taken yet) and
   * maxBacklog (the host stops taking IN packets above it).
   */
  constructor(rp2040, { problem = () => {}, log = () => {}, onConnected = () => {}, onData = () => {}, onInPacket = () => {}, backlog = () => 0, maxBacklog = 64 * 1024 } = {}) {
    this.rp2040 = rp2040;
    this.usb = rp2040.usbCtrl;
    this.problem = problem;
    this.log = log;
    this.onConnected = onConnected;
    this.onData = onData;
    this.onInPacket = onInPacket;
    this.backlog = backlog;
    this.maxBacklog = maxBacklog;
    this.clock = rp2040.clock;
    this.info = null;
    this.connected = false;
    this.attached = false;
    this.muxing = 0;
    /** host -> device bytes not sent yet */
    this.outQueue = [];
    this.outOffset = 0;
    /** armed OUT buffer length per endpoint (-1: not armed) */
    this.outArmed = new Int32Array(16).fill(-1);
    /** an OUT packet on its way per endpoint */
    this.outBusy = new Uint8Array(16);
    /** PID bits of IN buffers handed to the controller, per endpoint, in order */
    this.inPids = Array.from({ length: 16 }, () => []);
    this.expectedInPid = new Uint8Array(16);
    /** IN packets waiting for the host to take them (backlog full) */
    this.heldIn = [];
    this.busFreeAt = 0;
    this.bus = [];
    this.busAlarm = this.clock.createAlarm(() => this.busStep());
    // (rp2040js alarms keep `scheduled` true after they fire: these flags say whether one is pending)
    this.busArmed = false;
    this.delaying = false;
    this.control = null;
    this.controlQueue = [];
    this.controlAlarm = this.clock.createAlarm(() => this.controlTimeout());
    this.delayAlarm = this.clock.createAlarm(() => {
      this.delaying = false;
      this.nextControl();
    });
    this.stats = { inPackets: 0, outPackets: 0, zeroLengthPackets: 0, inBytes: 0, outBytes: 0, naks: 0 };
    this.hook();
  }

  hook() {
    const usb = this.usb;
    usb.writeDelayMicroseconds = 0;
    usb.onUSBEnabled = () => this.maybeAttach();
    usb.onResetReceived = () => this.enumerate();
    usb.onEndpointWrite = (endpoint, buffer) => this.inPacket(endpoint, buffer);
    usb.onEndpointRead = (endpoint, size) => this.outArmedBy(endpoint, size);
    const sieCtrlWrite = usb.handleSieCtrlWrite.bind(usb);
    usb.handleSieCtrlWrite = (value) => {
      sieCtrlWrite(value);
      this.maybeAttach();
    };
    const writeRegister = usb.writeUint32.bind(usb);
    usb.writeUint32 = (offset, value) => {
      if (offset === USB_MUXING) this.muxing = value;
      writeRegister(offset, value);
    };
    const dpramUpdated = usb.DPRAMUpdated.bind(usb);
    usb.DPRAMUpdated = (offset, value) => {
      this.bufferControl(offset, value);
      dpramUpdated(offset, value);
    };
    const indicateBufferReady = usb.indicateBufferReady.bind(usb);
    this.completeBuffer = indicateBufferReady;
    usb.indicateBufferReady = (endpoint, out) => {
      // a bulk IN buffer completes when the host has taken the packet (inPacket); the rest at once
      if (!out && endpoint !== 0) return;
      indicateBufferReady(endpoint, out);
    };
  }

  /** The device is connected when the controller is on and the pull-up is enabled. */
  maybeAttach() {
    const usb = this.usb;
    if (this.attached || !(usb.mainCtrl & MAIN_CTRL_CONTROLLER_EN) || !(usb.sieCtrl & SIE_CTRL_PULLUP_EN)) return;
    this.attached = true;
    if ((this.muxing & (USB_MUXING_TO_PHY | USB_MUXING_SOFTCON)) !== (USB_MUXING_TO_PHY | USB_MUXING_SOFTCON)) {
      this.problem(`USB: USB_MUXING is ${hex(this.muxing, 8)}: a Pico needs TO_PHY and SOFTCON set for the device to appear`);
    }
    if ((usb.usbPwr & (USB_PWR_VBUS_DETECT | USB_PWR_VBUS_DETECT_OVERRIDE_EN)) !== (USB_PWR_VBUS_DETECT | USB_PWR_VBUS_DETECT_OVERRIDE_EN)) {
      this.problem(`USB: USB_PWR is ${hex(usb.usbPwr, 8)}: without VBUS_DETECT and its override the controller does not see VBUS on a Pico`);
    }
    this.log("USB: pull-up on, bus reset");
    usb.resetDevice();
  }

  /** Buffer control writes: PID bits of IN buffers, stalls of EP0. */
  bufferControl(offset, value) {
    if (offset < 0x80 || offset > 0xfc) return;
    const endpoint = (offset - 0x80) >> 3;
    const out = (offset & 4) !== 0;
    if (endpoint === 0 && value & BUF_STALL && this.control !== null) {
      this.finishControl(null, "stalled");
      return;
    }
    if (!(value & BUF_AVAILABLE) || out) return;
    this.inPids[endpoint].push(value & BUF_DATA1 ? 1 : 0);
  }

  // ---- enumeration ----------------------------------------------------

  enumerate() {
    this.log("USB: bus reset done, enumerating");
    this.connected = false;
    this.info = { address: 0 };
    this.expectedInPid.fill(0);
    for (const pids of this.inPids) pids.length = 0;
    this.controlQueue = [];
    this.control = null;
    const device = (length, then) => this.request(setup(0x80, 6, 0x0100, 0, length), null, then);
    device(64, (d) => {
      if (!d || d.length < 8) return this.fail("the first GET_DESCRIPTOR(device) got no descriptor");
      this.info.maxPacket0 = d[7];
      this.request(setup(0x00, 5, 1, 0, 0), null, (r) => {
        if (r === null) return this.fail("SET_ADDRESS failed");
        this.info.address = 1;
        this.pause(SET_ADDRESS_RECOVERY_NS);
        device(18, (dev) => this.deviceDescriptor(dev));
      });
    });
  }

  deviceDescriptor(d) {
    if (!d || d.length !== 18 || d[0] !== 18 || d[1] !== 1) return this.fail(`the device descriptor is ${d ? d.length : 0} bytes (${d ? Array.from(d.subarray(0, 2)).join(",") : "none"}), not 18 of type 1`);
    const word = (i) => d[i] | (d[i + 1] << 8);
    Object.assign(this.info, { usb: word(2), vid: word(8), pid: word(10), device: word(12), iManufacturer: d[14], iProduct: d[15], iSerial: d[16], configurations: d[17] });
    this.request(setup(0x80, 6, 0x0200, 0, 9), null, (c) => {
      if (!c || c.length !== 9 || c[1] !== 2) return this.fail("GET_DESCRIPTOR(configuration, 9) did not return a configuration descriptor");
      const total = c[2] | (c[3] << 8);
      this.request(setup(0x80, 6, 0x0200, 0, total), null, (all) => {
        if (!all || all.length !== total) return this.fail(`the configuration descriptor set is ${all ? all.length : 0} bytes, wTotalLength says ${total}`);
        this.configuration(all);
        this.strings();
      });
    });
  }

  /** Interfaces and endpoints of the configuration, CDC's found. */
  configuration(all) {
    const interfaces = [];
    let current = null;
    for (let at = 0; at < all.length; ) {
      const length = all[at];
      if (length < 2 || at + length > all.length) {
        this.problem(`USB: a descriptor of length ${length} at byte ${at} of the configuration runs past its end`);
        break;
      }
      const type = all[at + 1];
      if (type === 4) {
        current = { number: all[at + 2], class: all[at + 5], subclass: all[at + 6], endpoints: [] };
        interfaces.push(current);
      } else if (type === 5 && current) {
        current.endpoints.push({ address: all[at + 2], type: all[at + 3] & 3, maxPacket: all[at + 4] | (all[at + 5] << 8) });
      }
      at += length;
    }
    const comm = interfaces.find((i) => i.class === 2);
    const data = interfaces.find((i) => i.class === 10);
    const bulkIn = data?.endpoints.find((e) => e.type === 2 && e.address & 0x80);
    const bulkOut = data?.endpoints.find((e) => e.type === 2 && !(e.address & 0x80));
    if (!comm || !data || !bulkIn || !bulkOut) return this.fail("the configuration has no CDC communication + data interface pair with bulk IN and OUT endpoints");
    Object.assign(this.info, {
      interfaces,
      commInterface: comm.number,
      inEndpoint: bulkIn.address & 0xf,
      outEndpoint: bulkOut.address & 0xf,
      inMaxPacket: bulkIn.maxPacket,
      outMaxPacket: bulkOut.maxPacket,
    });
    if (bulkIn.maxPacket !== MAX_PACKET_BULK || bulkOut.maxPacket !== MAX_PACKET_BULK) this.problem("USB: a full-speed bulk endpoint's wMaxPacketSize should be 64");
  }

  strings() {
    const wanted = [
      ["manufacturer", this.info.iManufacturer],
      ["product", this.info.iProduct],
      ["serial", this.info.iSerial],
    ].filter(([, index]) => index !== 0);
    this.request(setup(0x80, 6, 0x0300, 0, 255), null, (languages) => {
      const language = languages && languages.length >= 4 ? languages[2] | (languages[3] << 8) : 0x0409;
      const next = () => {
        const item = wanted.shift();
        if (!item) return this.configure();
        const [name, index] = item;
        this.request(setup(0x80, 6, 0x0300 | index, language, 255), null, (s) => {
          if (s && s.length >= 2 && s[1] === 3 && s[0] === s.length) this.info[name] = stringOf(s);
          else this.problem(`USB: string descriptor ${index} (${name}) is malformed`);
          next();
        });
      };
      next();
    });
  }

  configure() {
    const comm = this.info.commInterface;
    this.request(setup(0x00, 9, 1, 0, 0), null, (r) => {
      if (r === null) return this.fail("SET_CONFIGURATION failed");
      // bulk endpoints start at DATA0 after SET_CONFIGURATION
      this.expectedInPid[this.info.inEndpoint] = 0;
      const coding = Uint8Array.of(0x00, 0xc2, 0x01, 0x00, 0, 0, 8);
      this.request(setup(0x21, 0x20, 0, comm, 7), coding, (lc) => {
        if (lc === null) this.problem("USB: SET_LINE_CODING was refused");
        this.request(setup(0x21, 0x22, 3, comm, 0), null, (ls) => {
          if (ls === null) this.problem("USB: SET_CONTROL_LINE_STATE was refused");
          this.connected = true;
          this.log(`USB: connected ${hex(this.info.vid, 4)}:${hex(this.info.pid, 4)} "${this.info.product ?? ""}"`);
          this.onConnected(this.info);
          this.sendOut();
        });
      });
    });
  }

  fail(why) {
    this.problem(`USB: enumeration failed: ${why}`);
  }

  // ---- control transfers ---------------------------------------------

  /** Queues a control request; then(data) gets the IN data (or an empty array), or null when it failed. */
  request(setupPacket, dataOut, then) {
    this.controlQueue.push({ setup: setupPacket, dataOut, then });
    if (this.control === null && !this.delaying) this.nextControl();
  }

  pause(ns) {
    this.delaying = true;
    this.delayAlarm.schedule(ns);
  }

  nextControl() {
    if (this.control !== null || this.delaying) return;
    const next = this.controlQueue.shift();
    if (!next) return;
    const s = next.setup;
    if (this.info.address !== 0 && (this.usb.addrEndp & 0x7f) !== this.info.address) {
      this.problem(`USB: ADDR_ENDP holds address ${this.usb.addrEndp & 0x7f}, the host talks to ${this.info.address}: the device did not take its SET_ADDRESS`);
    }
    const length = s[6] | (s[7] << 8);
    this.control = {
      ...next,
      in: (s[0] & 0x80) !== 0,
      length,
      received: [],
      receivedBytes: 0,
      sent: 0,
      stage: "data",
      pid: 1,
    };
    if (length === 0) this.control.stage = "status";
    this.controlAlarm.schedule(CONTROL_TIMEOUT_NS);
    this.usb.sendSetupPacket(s);
    this.controlOut();
  }

  controlTimeout() {
    if (this.control === null) return;
    const s = this.control.setup;
    this.problem(`USB: no answer to SETUP ${Array.from(s, (b) => hex(b)).join(" ")} within ${CONTROL_TIMEOUT_NS / 1e6} ms`);
    this.finishControl(null, "timeout");
  }

  finishControl(data, why = "") {
    const c = this.control;
    this.control = null;
    this.controlAlarm.cancel();
    if (why) this.log(`USB: control request ${hex(c.setup[1])} ${why}`);
    c.then(data);
    if (this.control === null) this.nextControl();
  }

  /** An EP0 packet from the device. */
  controlIn(buffer, pid) {
    const c = this.control;
    if (c === null) {
      this.problem(`USB: EP0 IN packet of ${buffer.length} bytes with no control request going on`);
      return;
    }
    if (pid !== c.pid) this.problem(`USB: EP0 IN packet with DATA${pid}, expected DATA${c.pid} (SETUP ${hex(c.setup[1])})`);
    if (c.stage === "data" && c.in) {
      c.received.push(buffer);
      c.receivedBytes += buffer.length;
      c.pid ^= 1;
      const maxPacket = this.info.maxPacket0 || 64;
      if (buffer.length > maxPacket) this.problem(`USB: EP0 IN packet of ${buffer.length} bytes, above bMaxPacketSize0 ${maxPacket}`);
      if (c.receivedBytes >= c.length || buffer.length < maxPacket) {
        c.stage = "status";
        this.controlOut();
      }
      return;
    }
    if (c.stage === "status" && !c.in) {
      if (buffer.length !== 0) this.problem(`USB: status stage IN packet of ${buffer.length} bytes (a zero-length packet expected)`);
      this.finishControl(new Uint8Array(0));
      return;
    }
    this.problem(`USB: unexpected EP0 IN packet of ${buffer.length} bytes in the ${c.stage} stage of request ${hex(c.setup[1])}`);
  }

  /** Sends what EP0 OUT is due: OUT data, or the status stage of an IN request. */
  controlOut() {
    const c = this.control;
    if (c === null || this.outArmed[0] < 0) return;
    if (c.in && c.stage === "status") {
      this.outArmed[0] = -1;
      this.usb.endpointReadDone(0, new Uint8Array(0));
      const data = new Uint8Array(c.receivedBytes);
      let at = 0;
      for (const part of c.received) {
        data.set(part, at);
        at += part.length;
      }
      this.finishControl(data.subarray(0, Math.min(data.length, c.length)));
      return;
    }
    if (!c.in && c.stage === "data") {
      const size = Math.min(this.outArmed[0], this.info.maxPacket0 || 64, c.length - c.sent);
      this.outArmed[0] = -1;
      this.usb.endpointReadDone(0, c.dataOut.slice(c.sent, c.sent + size));
      c.sent += size;
      if (c.sent >= c.length) c.stage = "status";
    }
  }

  // ---- bulk and EP0 traffic --------------------------------------------

  outArmedBy(endpoint, size) {
    this.outArmed[endpoint] = size;
    if (endpoint === 0) this.controlOut();
    else this.sendOut();
  }

  inPacket(endpoint, buffer) {
    const pid = this.inPids[endpoint].shift() ?? 0;
    if (endpoint === 0) {
      this.controlIn(buffer, pid);
      return;
    }
    if (!this.connected || endpoint !== this.info.inEndpoint) {
      // e.g. the CDC notification endpoint: taken and dropped, as Linux's cdc-acm does with line-state reports
      this.completeBuffer(endpoint, false);
      return;
    }
    this.heldIn.push({ endpoint, buffer, pid });
    this.takeIn();
  }

  /** Takes held IN packets while the consumer keeps up; each completes after its bus time. */
  takeIn() {
    while (this.heldIn.length > 0 && this.backlog() < this.maxBacklog) {
      const packet = this.heldIn.shift();
      this.schedule(packet.buffer.length, () => this.deliverIn(packet));
    }
  }

  deliverIn({ endpoint, buffer, pid }) {
    this.completeBuffer(endpoint, false);
    if (buffer.length > this.info.inMaxPacket) this.problem(`USB: bulk IN packet of ${buffer.length} bytes, above wMaxPacketSize ${this.info.inMaxPacket}`);
    if (pid !== this.expectedInPid[endpoint]) {
      this.problem(`USB: bulk IN packet on EP${endpoint} with DATA${pid}, expected DATA${this.expectedInPid[endpoint]}: a real host drops it as a repeat`);
      return;
    }
    this.expectedInPid[endpoint] ^= 1;
    this.stats.inPackets++;
    this.stats.inBytes += buffer.length;
    if (buffer.length === 0) this.stats.zeroLengthPackets++;
    this.onInPacket(endpoint, buffer.length);
    if (buffer.length > 0) this.onData(buffer);
  }

  /** Queues bytes for the device's bulk OUT endpoint. */
  write(bytes) {
    if (bytes.length === 0) return;
    this.outQueue.push(bytes);
    this.sendOut();
  }

  /** Bytes written but not yet sent to the device. */
  get pendingOut() {
    let n = -this.outOffset;
    for (const chunk of this.outQueue) n += chunk.length;
    return n;
  }

  sendOut() {
    if (!this.connected) return;
    const endpoint = this.info.outEndpoint;
    if (this.outArmed[endpoint] < 0 || this.outBusy[endpoint] || this.outQueue.length === 0) return;
    const size = Math.min(this.outArmed[endpoint], this.info.outMaxPacket, this.pendingOut);
    const packet = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const chunk = this.outQueue[0];
      const take = Math.min(size - at, chunk.length - this.outOffset);
      packet.set(chunk.subarray(this.outOffset, this.outOffset + take), at);
      at += take;
      this.outOffset += take;
      if (this.outOffset === chunk.length) {
        this.outQueue.shift();
        this.outOffset = 0;
      }
    }
    this.outArmed[endpoint] = -1;
    this.outBusy[endpoint] = 1;
    this.stats.outPackets++;
    this.stats.outBytes += size;
    this.schedule(size, () => {
      this.outBusy[endpoint] = 0;
      this.usb.endpointReadDone(endpoint, packet, 0);
    });
  }

  /** A bulk transaction of `length` bytes on the shared bus; `done` runs when it has crossed. */
  schedule(length, done) {
    const now = this.clock.nanos;
    const start = Math.max(now, this.busFreeAt);
    this.busFreeAt = start + (length + BUS_OVERHEAD_BYTES) * BUS_NS_PER_BYTE;
    this.bus.push({ at: this.busFreeAt, done });
    if (!this.busArmed) {
      this.busArmed = true;
      this.busAlarm.schedule(this.bus[0].at - now);
    }
  }

  busStep() {
    this.busArmed = false;
    const now = this.clock.nanos;
    while (this.bus.length > 0 && this.bus[0].at <= now + 0.5) this.bus.shift().done();
    if (this.bus.length > 0 && !this.busArmed) {
      this.busArmed = true;
      this.busAlarm.schedule(Math.max(0, this.bus[0].at - now));
    }
  }

  /** The consumer has drained some of its backlog: take held IN packets again. */
  resume() {
    this.takeIn();
  }
}
