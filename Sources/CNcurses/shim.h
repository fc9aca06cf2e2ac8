// The wide-character ncurses API for Swift. SwiftPM's pkg-config support drops the
// -D_XOPEN_SOURCE flags the wide API needs, so the shim defines what it needs itself.
#ifndef DESCENT_CNCURSES_SHIM_H
#define DESCENT_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <unistd.h>

// Swift 6 rejects C mutable globals and function-like macros: expose them as functions/constants.
static inline WINDOW *descent_stdscr(void) { return stdscr; }
static inline int descent_lines(void) { return LINES; }
static inline int descent_cols(void) { return COLS; }
static inline int descent_colors(void) { return COLORS; }
static inline int descent_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *descent_stdin(void) { return stdin; }
static inline FILE *descent_stdout(void) { return stdout; }

static const attr_t descent_a_normal = A_NORMAL;
static const attr_t descent_a_bold = A_BOLD;
static const attr_t descent_a_dim = A_DIM;
static const attr_t descent_a_underline = A_UNDERLINE;
static const attr_t descent_a_reverse = A_REVERSE;
static const mmask_t descent_all_mouse_events = ALL_MOUSE_EVENTS;
static const mmask_t descent_button1_pressed = BUTTON1_PRESSED;
static const mmask_t descent_button1_clicked = BUTTON1_CLICKED;
static const mmask_t descent_button1_released = BUTTON1_RELEASED;
static const mmask_t descent_report_mouse_position = REPORT_MOUSE_POSITION;

static inline int descent_key_f(int n) { return KEY_F(n); }

#endif
