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
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
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

static const mmask_t descent_button2_pressed = BUTTON2_PRESSED;
static const mmask_t descent_button2_released = BUTTON2_RELEASED;
static const mmask_t descent_button3_pressed = BUTTON3_PRESSED;
static const mmask_t descent_button3_released = BUTTON3_RELEASED;
static const mmask_t descent_button4_pressed = BUTTON4_PRESSED;
static const mmask_t descent_button5_pressed = BUTTON5_PRESSED;
static const mmask_t descent_button2_clicked = BUTTON2_CLICKED;
static const mmask_t descent_button3_clicked = BUTTON3_CLICKED;

static inline int descent_key_f(int n) { return KEY_F(n); }

// The codeset of the current locale ("UTF-8" when wide glyphs will print correctly).
static inline const char *descent_codeset(void) { return nl_langinfo(CODESET); }

// Frees the terminfo entry loaded by a bare setupterm() (cur_term is a C mutable global).
static inline void descent_release_terminfo(void) {
    if (cur_term != NULL) { del_curterm(cur_term); cur_term = NULL; }
}

// tigetstr returns (char *)-1 for a name that is not a string capability; fold that into NULL.
static inline const char *descent_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == (char *)-1) ? NULL : value;
}

// Installs `handler` for `signal_number` with sigaction (the Glibc struct's union is awkward from Swift).
static inline int descent_install_signal_handler(int signal_number, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    return sigaction(signal_number, &action, NULL);
}

// Puts the default action back for `signal_number`.
static inline int descent_default_signal_handler(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signal_number, &action, NULL);
}

#endif
