#include "float_environment.h"

// Swift cannot reach the control registers, so these few lines are C. They change only the
// calling thread's mode; callers save and restore it around the work that wants flushing.

#if defined(__x86_64__)
#include <xmmintrin.h>

// MXCSR bit 15: flush-to-zero (subnormal results become 0); bit 6: denormals-are-zero
// (subnormal inputs are read as 0).
static const uint64_t flush_bits = (1u << 15) | (1u << 6);

uint64_t descent_float_control_get(void) { return _mm_getcsr(); }
void descent_float_control_set(uint64_t control) { _mm_setcsr((unsigned int)control); }

#elif defined(__aarch64__)

// FPCR bit 24 (FZ): flush subnormal inputs and results to zero.
static const uint64_t flush_bits = 1ull << 24;

uint64_t descent_float_control_get(void) {
    uint64_t control;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(control));
    return control;
}
void descent_float_control_set(uint64_t control) { __asm__ __volatile__("msr fpcr, %0" : : "r"(control)); }

#else

static const uint64_t flush_bits = 0;
uint64_t descent_float_control_get(void) { return 0; }
void descent_float_control_set(uint64_t control) { (void)control; }

#endif

uint64_t descent_float_control_flushing(uint64_t control) { return control | flush_bits; }
