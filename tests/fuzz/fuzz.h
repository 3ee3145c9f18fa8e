/*
 * fuzz.h - what the libFuzzer targets of tests/fuzz share: the entry
 * points' prototypes and a check that says which property broke.
 *
 * A target asserts properties, not only "no crash": FUZZ_CHECK prints the
 * property and where, then abort()s, which libFuzzer reports as a crash
 * and saves the input (see README.md for turning it into a unit test).
 */
#ifndef ROLEBOOK_FUZZ_H
#define ROLEBOOK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: property broken: %s\n  ", __FILE__, __LINE__,      \
				#cond);                                                            \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
