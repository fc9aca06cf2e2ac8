#ifndef DESCENT_FLOAT_ENVIRONMENT_H
#define DESCENT_FLOAT_ENVIRONMENT_H

#include <stdint.h>

/// The calling thread's floating-point control word (MXCSR on x86_64, FPCR on arm64; 0 elsewhere).
uint64_t descent_float_control_get(void);

/// Sets the calling thread's floating-point control word to a value read by descent_float_control_get.
void descent_float_control_set(uint64_t control);

/// `control` with subnormal results flushed to zero and subnormal inputs read as zero
/// (FTZ and DAZ on x86_64, FZ on arm64; unchanged elsewhere).
uint64_t descent_float_control_flushing(uint64_t control);

#endif
