/* Second-stage boot loader (boot2) for a Raspberry Pi Pico's W25Q16JV.
 *
 * The RP2040 boot ROM reads the first 256 bytes of flash with the flash's
 * plain 03h read command at a slow clock, checks the CRC-32 in the last four
 * bytes (firmware/build.mjs computes it: polynomial 0x04c11db7, not reflected,
 * initial value 0xffffffff, no final XOR, stored little-endian), copies the
 * block to SRAM at 0x20041f00 and branches to its first byte with LR = 0.
 *
 * This code then sets up execute-in-place (XIP): the SSI translates each
 * uncached bus read of 0x10xxxxxx into a 03h read (8-bit command, 24-bit
 * address, 32 data bits), at clk_sys / 4. 03h is the command every SPI NOR
 * flash understands and needs neither dummy cycles nor a QE bit; at the
 * firmware's 125 MHz the flash clock is 31.25 MHz, inside the W25Q16JV's 50 MHz
 * limit for 03h. The firmware's flash driver (flash.c) restores exactly this
 * set-up after each erase or program.
 *
 * Then, when entered from the ROM (LR = 0), it points VTOR at the firmware's
 * vector table (0x10000100, right after this block), loads the stack pointer
 * from it and jumps to the reset handler; when called as a function (LR != 0)
 * it returns. The code is position-independent (PC-relative literals, relative
 * branches), so it runs from the ROM's SRAM copy or in place from flash, and it
 * writes only SSI registers: harmless when an emulator starts at the vector
 * table directly and never runs it. */

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .equ SSI_BASE, 0x18000000
    .equ SSI_CTRLR0, 0x00
    .equ SSI_CTRLR1, 0x04
    .equ SSI_SSIENR, 0x08
    .equ SSI_BAUDR, 0x14
    .equ SSI_RX_SAMPLE_DLY, 0xf0
    .equ SSI_SPI_CTRLR0, 0xf4

    /* CTRLR0: standard SPI frame format, DFS_32 = 31 (32-bit data frames),
     * TMOD = 3 (EEPROM read: send the command and address, then receive) */
    .equ XIP_CTRLR0, (31 << 16) | (3 << 8)
    /* SPI_CTRLR0: XIP_CMD = 0x03, INST_L = 2 (8-bit instruction), ADDR_L = 6
     * (24-bit address, in 4-bit units), TRANS_TYPE = 0 (all on one line) */
    .equ XIP_SPI_CTRLR0, (0x03 << 24) | (2 << 8) | (6 << 2)
    .equ XIP_BAUDR, 4
    .equ XIP_RX_SAMPLE_DLY, 1

    .equ FIRMWARE_VECTORS, 0x10000100
    .equ SCB_VTOR, 0xe000ed08

    .section .text.boot2, "ax"
    .global boot2_entry
    .type boot2_entry, %function
    .thumb_func
boot2_entry:
    push {lr}
    ldr r3, =SSI_BASE
    movs r0, #0
    str r0, [r3, #SSI_SSIENR]        /* the SSI is configured while disabled */
    movs r0, #XIP_BAUDR
    str r0, [r3, #SSI_BAUDR]
    movs r1, #SSI_RX_SAMPLE_DLY
    movs r0, #XIP_RX_SAMPLE_DLY
    str r0, [r3, r1]
    ldr r0, =XIP_CTRLR0
    str r0, [r3, #SSI_CTRLR0]
    movs r0, #0
    str r0, [r3, #SSI_CTRLR1]        /* NDF = 0: one data frame per XIP access */
    movs r1, #SSI_SPI_CTRLR0
    ldr r0, =XIP_SPI_CTRLR0
    str r0, [r3, r1]
    movs r0, #1
    str r0, [r3, #SSI_SSIENR]

    pop {r0}
    cmp r0, #0
    beq enter_firmware
    bx r0

enter_firmware:
    ldr r0, =FIRMWARE_VECTORS
    ldr r1, =SCB_VTOR
    str r0, [r1]
    ldmia r0!, {r1, r2}               /* r1 = initial SP, r2 = reset handler */
    msr msp, r1
    bx r2

    .ltorg
