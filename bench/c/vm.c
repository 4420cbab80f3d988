/* vm: a bytecode interpreter loop (bench/run.mjs). Hand-written C doing the
 * same work as bench/sts/vm.ts; prints the same line. A small stack machine (a
 * switch on opcodes read from a byte array, an int32 stack, wrapping i32
 * arithmetic) runs a hashing loop of ITERATIONS rounds, 18 instructions each.
 * ITERATIONS can be overridden with -D (run.mjs does for callgrind). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef ITERATIONS
#define ITERATIONS 20000000
#endif

enum Op {
    OP_HALT,
    OP_PUSH8,  /* imm8 (signed)    -> push imm */
    OP_PUSH32, /* imm32 (LE)       -> push imm */
    OP_LOAD,   /* local index u8   -> push locals[i] */
    OP_STORE,  /* local index u8   pop -> locals[i] */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_XOR,
    OP_SHRU,
    OP_DUP,
    OP_JNZ     /* target u16 (LE)  pop; jump if not zero */
};

typedef struct {
    uint8_t code[256];
    int32_t pos;
} Assembler;

static void emit_byte(Assembler *a, int32_t b) { a->code[a->pos++] = (uint8_t)b; }

static void emit_word(Assembler *a, int32_t v)
{
    uint32_t u = (uint32_t)v;
    emit_byte(a, (int32_t)(u & 0xff));
    emit_byte(a, (int32_t)((u >> 8) & 0xff));
    emit_byte(a, (int32_t)((u >> 16) & 0xff));
    emit_byte(a, (int32_t)(u >> 24));
}

typedef struct {
    int32_t stack[64];
    int32_t locals[16];
    int32_t steps;
} Machine;

/* Runs `code` from 0 to OP_HALT; returns the top of the stack. */
static int32_t run(Machine *m, const uint8_t *code)
{
    int32_t *stack = m->stack;
    int32_t *locals = m->locals;
    int32_t pc = 0, sp = 0;
    uint32_t steps = 0;
    for (;;) {
        int32_t op = code[pc++];
        steps++;
        switch (op) {
        case OP_PUSH8:
            stack[sp++] = (int8_t)code[pc++];
            break;
        case OP_PUSH32:
            stack[sp++] = (int32_t)((uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8 |
                                    (uint32_t)code[pc + 2] << 16 | (uint32_t)code[pc + 3] << 24);
            pc += 4;
            break;
        case OP_LOAD:
            stack[sp++] = locals[code[pc++]];
            break;
        case OP_STORE:
            locals[code[pc++]] = stack[--sp];
            break;
        case OP_ADD:
            sp--;
            stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] + (uint32_t)stack[sp]);
            break;
        case OP_SUB:
            sp--;
            stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] - (uint32_t)stack[sp]);
            break;
        case OP_MUL:
            sp--;
            stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)stack[sp]);
            break;
        case OP_XOR:
            sp--;
            stack[sp - 1] ^= stack[sp];
            break;
        case OP_SHRU:
            sp--;
            stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (stack[sp] & 31));
            break;
        case OP_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            break;
        case OP_JNZ:
            if (stack[--sp] != 0)
                pc = code[pc] | code[pc + 1] << 8;
            else
                pc += 2;
            break;
        case OP_HALT:
            m->steps = (int32_t)steps;
            return stack[sp - 1];
        default:
            fputs("vm: bad opcode\n", stderr);
            abort();
        }
    }
}

int main(void)
{
    static Assembler a;
    static Machine m;

    /* i = ITERATIONS; h = seed */
    emit_byte(&a, OP_PUSH32); emit_word(&a, ITERATIONS);
    emit_byte(&a, OP_STORE); emit_byte(&a, 0);
    emit_byte(&a, OP_PUSH32); emit_word(&a, 0x12345678);
    emit_byte(&a, OP_STORE); emit_byte(&a, 1);
    int32_t loop = a.pos;
    /* h = imul(h ^ i, 16777619); h = (h ^ (h >>> 15)) + i */
    emit_byte(&a, OP_LOAD); emit_byte(&a, 1);
    emit_byte(&a, OP_LOAD); emit_byte(&a, 0);
    emit_byte(&a, OP_XOR);
    emit_byte(&a, OP_PUSH32); emit_word(&a, 16777619);
    emit_byte(&a, OP_MUL);
    emit_byte(&a, OP_DUP);
    emit_byte(&a, OP_PUSH8); emit_byte(&a, 15);
    emit_byte(&a, OP_SHRU);
    emit_byte(&a, OP_XOR);
    emit_byte(&a, OP_LOAD); emit_byte(&a, 0);
    emit_byte(&a, OP_ADD);
    emit_byte(&a, OP_STORE); emit_byte(&a, 1);
    /* i = i - 1; if (i != 0) goto loop */
    emit_byte(&a, OP_LOAD); emit_byte(&a, 0);
    emit_byte(&a, OP_PUSH8); emit_byte(&a, 1);
    emit_byte(&a, OP_SUB);
    emit_byte(&a, OP_DUP);
    emit_byte(&a, OP_STORE); emit_byte(&a, 0);
    emit_byte(&a, OP_JNZ); emit_byte(&a, loop & 0xff); emit_byte(&a, loop >> 8);
    /* return h */
    emit_byte(&a, OP_LOAD); emit_byte(&a, 1);
    emit_byte(&a, OP_HALT);

    int32_t result = run(&m, a.code);
    printf("vm iterations=%d steps=%d result=%d\n", ITERATIONS, (int)m.steps, (int)result);
    return 0;
}
