/* sieve: the sieve of Eratosthenes over a byte array, repeated (bench/run.mjs).
 * Hand-written C doing the same work as bench/sts/sieve.ts; prints the same line.
 * LIMIT and REPS can be overridden with -D (run.mjs does for callgrind). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIMIT
#define LIMIT 8000000
#endif
#ifndef REPS
#define REPS 48
#endif

/* Sieves flags[0..n] and returns the number of primes <= n. */
static int32_t sieve(uint8_t *flags, size_t size, int32_t n)
{
    memset(flags, 1, size);
    flags[0] = 0;
    flags[1] = 0;
    for (int32_t i = 2; i * i <= n; i++) {
        if (flags[i]) {
            for (int32_t j = i * i; j <= n; j += i)
                flags[j] = 0;
        }
    }
    int32_t count = 0;
    for (int32_t i = 2; i <= n; i++)
        count += flags[i];
    return count;
}

int main(void)
{
    size_t size = (size_t)LIMIT + 1;
    uint8_t *flags = malloc(size);
    uint32_t acc = 0;
    int32_t primes = 0;

    if (!flags) {
        fputs("sieve: out of memory\n", stderr);
        return 1;
    }
    for (int32_t r = 0; r < REPS; r++) {
        primes = sieve(flags, size, LIMIT - (r & 7));
        acc = acc * 31u + (uint32_t)primes;
    }
    printf("sieve limit=%d reps=%d primes=%d acc=%u\n", LIMIT, REPS, (int)primes, (unsigned)acc);
    free(flags);
    return 0;
}
