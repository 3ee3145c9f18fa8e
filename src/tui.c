/*
 * tui.c - copies frames to the terminal and turns terminal input into
 * keys.  The only file that includes curses.
 *
 * Signals only set a flag (never call curses from a handler); the loop
 * notices it when get_wch() is interrupted.  endwin() runs on every exit
 * path, fatal() included.
 *
 * Keys: curses decodes the escape sequences that terminfo lists for TERM.
 * A terminal may send others (tmux sends ESC [ 1 ~ for Home whatever TERM
 * says): curses then hands over ESC and the rest as separate characters.
 * Those are read here whole, mapped when they are well known and dropped
 * when not, so that no part of a sequence is ever taken for Esc or for a
 * key of its own.
 *
 * Ctrl-Z (and SIGTSTP) suspends as less and tig do: the terminal is given
 * back (endwin), the process stops, and when the shell's fg continues it
 * the screen is redrawn at the terminal's size then.
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <curses.h>

#include "frame.h"
#include "hyperlink.h"
#include "keys.h"
#include "lines.h"
#include "open_run.h"
#include "strbuf.h"
#include "text.h"
#include "theme.h"
#include "tui.h"
#include "xalloc.h"

/* setupterm: what the terminal can do, before curses starts.  Last:
 * its capability macros (lines, columns, ...) would rename the
 * project's own identifiers in the headers above. */
#include <term.h>

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_tstp; /* suspend asked for by a signal */
static bool use_color;
static bool ascii_only; /* the locale cannot show UTF-8 */
static bool hyperlinks; /* links as OSC 8 hyperlinks (present_links) */
/* by colour + 1: the default, then 0-255 (a config file's numbers) */
static short pairs[257][257];
static short npairs;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

/* How long the rest of an escape sequence may take to arrive (ms). */
#define ESC_MS 50

/* The next character of an escape sequence, or -1 when none comes. */
static int
seq_char(void)
{
	wint_t ch;
	int rc;

	timeout(ESC_MS);
	rc = get_wch(&ch);
	timeout(-1);
	if (rc != OK)
		return -1;
	return (int)ch;
}

/* The key of a CSI sequence "ESC [ params final" (xterm, tmux, rxvt, the
 * Linux console), or K_UNKNOWN. */
static int
csi_key(const char *params, int final)
{
	int n = atoi(params);

	switch (final) {
	case 'A':
		return K_UP;
	case 'B':
		return K_DOWN;
	case 'C':
		return K_RIGHT;
	case 'D':
		return K_LEFT;
	case 'H':
		return K_HOME;
	case 'F':
		return K_END;
	case 'Z':
		return K_BTAB;
	case '~':
		switch (n) {
		case 1:
		case 7:
			return K_HOME;
		case 4:
		case 8:
			return K_END;
		case 3:
			return K_DELETE;
		case 5:
			return K_PGUP;
		case 6:
			return K_PGDN;
		case 11:
			return K_F1;
		}
		break;
	case '[': /* the Linux console's F1: ESC [ [ A */
		break;
	}
	return K_UNKNOWN;
}

/*
 * After an ESC that curses did not decode: reads the rest of the sequence,
 * whole, and returns its key; K_UNKNOWN for a sequence it does not know
 * (consumed, never Esc, and said to be unknown); K_ESC for Esc alone.  ESC
 * then a character that starts no sequence (Alt and a key) is unknown too.
 */
static int
read_escape(void)
{
	char params[32];
	size_t np = 0;
	int c = seq_char(), k;

	if (c < 0)
		return K_ESC;
	if (c == 0x1b) { /* Esc twice: the first one alone */
		unget_wch(0x1b);
		return K_ESC;
	}
	if (c == 'O') { /* SS3: one final character */
		c = seq_char();
		switch (c) {
		case 'A':
		case 'B':
		case 'C':
		case 'D':
		case 'H':
		case 'F':
			return csi_key("", c);
		case 'P':
			return K_F1;
		}
		return K_UNKNOWN;
	}
	if (c != '[')
		return K_UNKNOWN; /* Alt and a key */
	/* CSI: parameter and intermediate bytes (0x20-0x3f), then a final
	 * byte (0x40-0x7e) */
	while ((c = seq_char()) >= 0x20 && c <= 0x3f)
		if (np + 1 < sizeof params)
			params[np++] = (char)c;
	params[np] = '\0';
	if (c < 0x40 || c > 0x7e)
		return K_NONE;	   /* cut short: what came is dropped */
	if (c == '[' && np == 0) { /* ESC [ [ A: one more */
		seq_char();
		return K_UNKNOWN;
	}
	k = csi_key(params, c);
	return k;
}

/* The terminal's size now, for curses (after a suspension, which no
 * SIGWINCH reports). */
static void
sync_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
}

/*
 * Stops the process as a shell's job, the terminal given back first; on
 * return (fg) lays out and redraws at the terminal's size.  SIGTSTP's own
 * handler only sets a flag: the stopping is done here, outside it.
 */
static void
suspend(struct app *a)
{
	struct sigaction dfl, old;

	endwin();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP); /* stops here until continued */
	sigaction(SIGTSTP, &old, NULL);
	got_tstp = 0;
	sync_size();
	app_resize(a, LINES, COLS);
	clear();
}

/* `o` (struct app's run_link): a terminal browser, or a link shown whole
 * to select, gets the terminal, as Ctrl-Z gives it to the shell; the rest
 * leaves the screen alone. */
static int
run_link(struct app *a, const struct open_plan *p, const char *url)
{
	int rc;

	if (p->method != OPEN_TERMINAL && p->method != OPEN_SHOW) {
		fflush(stdout);
		return open_run(p, url, STDOUT_FILENO);
	}
	def_prog_mode();
	endwin();
	rc = open_run(p, url, STDOUT_FILENO);
	/* Ctrl-C typed in the browser was the browser's, not ours */
	if (got_signal == SIGINT)
		got_signal = 0;
	reset_prog_mode();
	sync_size();
	app_resize(a, LINES, COLS);
	clear();
	return rc;
}

/* True when the terminal on standard input has hung up. */
static bool
hung_up(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static void
tui_end(void)
{
	endwin();
}

static attr_t
to_curses(uint16_t style, short *pair)
{
	struct attr a;
	attr_t at = A_NORMAL;

	theme_attr(style, use_color, &a);
	if (a.bold)
		at |= A_BOLD;
	if (a.underline)
		at |= A_UNDERLINE;
	if (a.reverse)
		at |= A_REVERSE;
	if (a.dim)
		at |= A_DIM;
#ifdef A_ITALIC
	if (a.italic)
		at |= A_ITALIC;
#endif
	*pair = 0;
	/* a configured colour this terminal lacks: its default instead */
	if (a.fg >= COLORS)
		a.fg = COL_DEFAULT;
	if (a.bg >= COLORS)
		a.bg = COL_DEFAULT;
	if (use_color && (a.fg >= 0 || a.bg >= 0)) {
		short *p = &pairs[a.fg + 1][a.bg + 1];
		if (*p == 0 && npairs + 1 < COLOR_PAIRS) {
			*p = ++npairs;
			init_pair(*p, (short)a.fg, (short)a.bg);
		}
		*pair = *p;
	}
	return at;
}

/*
 * Hyperlinks (OSC 8) for the frame's link cells, which curses cannot
 * write: once curses has drawn the screen, each run of a link's cells is
 * written again as the same text and style inside the hyperlink's
 * sequence, the cursor and attributes saved before and restored after
 * (DECSC, DECRC), so the screen is what curses believes it is.  The
 * target is made safe by hyperlink_open(); the text is the frame's,
 * which holds no control character.
 */
static void
present_links(const struct frame *f)
{
	struct strbuf sb = STRBUF_INIT;

	for (int r = 0; r < f->rows; r++) {
		const struct cell *row = &f->cells[(size_t)r * (size_t)f->cols];
		for (int c = 0; c < f->cols;) {
			uint16_t id = row[c].link;
			int end = c + 1;
			uint16_t style = 0;
			bool first = true;

			if (id == 0 || id > f->nurls || row[c].cp == 0) {
				c++;
				continue;
			}
			while (end < f->cols && row[end].link == id)
				end++;
			strbuf_puts(&sb, "\0337");
			strbuf_printf(&sb, "\033[%d;%dH", r + 1, c + 1);
			if (hyperlink_open(&sb, f->urls[id - 1])) {
				for (int k = c; k < end; k++) {
					char u[4 * 3], sgr[THEME_SGR_MAX];
					size_t n = 0;

					if (row[k].cp == 0)
						continue; /* a wide character's right half */
					if (first || row[k].style != style)
						strbuf_puts(&sb, theme_sgr(row[k].style, use_color,
									   COLORS, sgr));
					first = false;
					style = row[k].style;
					n += text_encode(row[k].cp, u);
					for (int m = 0; m < 2 && row[k].comb[m]; m++)
						n += text_encode(row[k].comb[m], u + n);
					strbuf_add(&sb, u, n);
				}
				strbuf_puts(&sb, "\033[0m");
				hyperlink_close(&sb);
			}
			strbuf_puts(&sb, "\0338");
			c = end;
		}
	}
	if (sb.len > 0) {
		fwrite(sb.s, 1, sb.len, stdout);
		fflush(stdout);
	}
	strbuf_free(&sb);
}

static void
present(const struct frame *f, const struct app *a)
{
	for (int r = 0; r < f->rows; r++) {
		for (int c = 0; c < f->cols; c++) {
			const struct cell *cl = &f->cells[(size_t)r * (size_t)f->cols + (size_t)c];
			wchar_t wc[4] = {0};
			cchar_t cc;
			short pair;
			attr_t at;

			if (cl->cp == 0) {
				if (ascii_only) /* the '?' that stood for it took one cell */
					mvaddch(r, c, ' ');
				continue; /* right half of a wide character */
			}
			if (ascii_only) {
				wc[0] = (wchar_t)theme_ascii(cl->cp);
			} else {
				wc[0] = (wchar_t)cl->cp;
				wc[1] = (wchar_t)cl->comb[0];
				wc[2] = cl->comb[0] ? (wchar_t)cl->comb[1] : 0;
			}
			at = to_curses(cl->style, &pair);
			if (setcchar(&cc, wc, at, pair, NULL) == ERR) {
				wc[0] = '?';
				wc[1] = 0;
				setcchar(&cc, wc, at, pair, NULL);
			}
			/* the bottom-right cell: mvadd_wrch would scroll */
			mvadd_wch(r, c, &cc);
		}
	}
	if (a->cursor_row >= 0) {
		curs_set(1);
		move(a->cursor_row, a->cursor_col);
	} else {
		curs_set(0);
	}
	refresh();
	if (hyperlinks && !ascii_only)
		present_links(f);
}

static int
translate(int rc, wint_t ch, struct app *a)
{
	MEVENT ev;

	if (rc == OK) {
		switch (ch) {
		case '\n':
		case '\r':
			return K_ENTER;
		case '\t':
			return K_TAB;
		case 0x1b:
			return read_escape();
		case 0x7f:
		case 0x08:
			return K_BACKSPACE;
		default:
			return (int)ch;
		}
	}
	switch (ch) {
	case KEY_UP:
		return K_UP;
	case KEY_DOWN:
		return K_DOWN;
	case KEY_LEFT:
		return K_LEFT;
	case KEY_RIGHT:
		return K_RIGHT;
	case KEY_PPAGE:
		return K_PGUP;
	case KEY_NPAGE:
		return K_PGDN;
	case KEY_HOME:
		return K_HOME;
	case KEY_END:
		return K_END;
	case KEY_ENTER:
		return K_ENTER;
	case KEY_BTAB:
		return K_BTAB;
	case KEY_BACKSPACE:
		return K_BACKSPACE;
	case KEY_DC:
		return K_DELETE;
	case KEY_F(1):
		return K_F1;
	case KEY_RESIZE:
		return K_RESIZE;
	case KEY_MOUSE:
		if (getmouse(&ev) != OK)
			return K_NONE;
		if (ev.bstate & BUTTON4_PRESSED)
			return K_WHEEL_UP;
#ifdef BUTTON5_PRESSED
		if (ev.bstate & BUTTON5_PRESSED)
			return K_WHEEL_DOWN;
#endif
		if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
			if (ev.bstate & BUTTON1_RELEASED)
				return K_NONE;
			a->mouse_row = ev.y;
			a->mouse_col = ev.x;
			return K_CLICK;
		}
		return K_NONE;
	default: /* a function key curses knows and rolebook does not use */
		return K_UNKNOWN;
	}
}

/*
 * Why the terminal that TERM names cannot show the handbook (terminfo
 * does not know it, or it cannot move the cursor): a new string, or NULL
 * when it can.  Writes nothing to the terminal.
 */
static char *
unusable(void)
{
	const char *term = getenv("TERM");
	char *cup, *why = NULL;
	int err = 0;

	if (term == NULL || *term == '\0')
		return xstrdup("TERM is not set");
	/* with &err, setupterm says what is wrong instead of exiting */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		if (err == 1)
			return xasprintf("the terminal '%s' is a hardcopy terminal", term);
		if (err == 0)
			return xasprintf("the terminal type '%s' is not known to terminfo", term);
		return xstrdup("no terminfo database was found");
	}
	/* Without cursor addressing (TERM=dumb, emacs' shell) curses can
	 * only write one line after another: the screen would be its last
	 * line alone. */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1)
		why = xasprintf("the terminal '%s' cannot move the cursor", term);
	del_curterm(cur_term);
	return why;
}

/*
 * As tui.h says, and: returns -1, with the reason in the status line
 * (a->status), when this terminal cannot show the handbook; nothing has
 * been drawn then.
 */
/* The frame of the loop, for show_now (NULL outside tui_run). */
static struct frame *live_frame;

/* struct app's show_now: the screen as it is, drawn in the middle of a
 * step (the step's status line with it). */
static void
show_now(struct app *a)
{
	if (live_frame == NULL)
		return;
	app_draw(a, live_frame);
	present(live_frame, a);
}

/* struct app's stop_asked: a key read without waiting; Esc alone (not
 * the start of a sequence), q or Ctrl-C says stop, any other is dropped. */
static bool
stop_asked(struct app *a)
{
	wint_t ch;
	int rc;

	(void)a;
	for (;;) {
		timeout(0);
		rc = get_wch(&ch);
		timeout(-1);
		if (rc == ERR)
			return got_signal != 0;
		if (rc == OK && (ch == 'q' || ch == 3))
			return true;
		if (rc == OK && ch == 27) {
			int next = seq_char();

			if (next < 0)
				return true;
			while (next >= 0 && !(next >= 0x40 && next <= 0x7e && next != '[' &&
					      next != 'O')) /* the rest of the sequence */
				next = seq_char();
		}
	}
}

int
tui_run(struct app *a, bool color, bool links)
{
	struct frame f;
	struct sigaction sa;
	SCREEN *scr;
	char *why;

	/* Refused like a pipe: a terminal that cannot address the cursor
	 * would show the last row alone. */
	if ((why = unusable()) != NULL) {
		app_status(a, true, "%s", why);
		free(why);
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* before newterm: curses leaves SIGTSTP alone when it is handled */
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);

	/* newterm, not initscr, which exits when the terminal is unknown */
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		app_status(a, true, "curses cannot start on this terminal");
		return -1;
	}
	xalloc_set_cleanup(tui_end);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		      | BUTTON5_PRESSED
#endif
		  ,
		  NULL);
	mouseinterval(0);
	use_color = color && has_colors();
	ascii_only = a->ascii;
	hyperlinks = links;
	if (use_color) {
		start_color();
		use_default_colors();
	}
	app_resize(a, LINES, COLS);
	a->run_link = run_link;
	frame_init(&f, LINES, COLS);
	/* a change waits for a locked database in the app's queue, retried
	 * below, never in SQLite's busy handler with the screen frozen */
	live_frame = &f;
	a->show_now = show_now;
	a->stop_asked = stop_asked;
	if (a->store != NULL)
		store_set_busy_ms(a->store, APP_BUSY_MS);
	for (bool redraw = true; !a->quit && !got_signal;) {
		wint_t ch;
		int rc, key;
		static unsigned errors; /* blocking reads that failed in a row */

		/* only when the key changed something (see app_key) */
		if (redraw) {
			app_draw(a, &f);
			present(&f, a);
		}
		redraw = true;
		/* Idle work (roles the first frame did not load) runs only while
		 * no key is waiting, one piece per frame. */
		timeout(0);
		rc = get_wch(&ch);
		timeout(-1);
		if (rc == ERR) {
			if (app_idle(a))
				continue;
			/* changes waiting for the database: tried again while
			 * no key comes, keys acted on as they come */
			if (change_waiting(&a->changes) > 0) {
				timeout(APP_RETRY_MS);
				rc = get_wch(&ch);
				timeout(-1);
				if (rc == ERR && !got_signal && !got_tstp && !hung_up()) {
					redraw = app_retry(a);
					continue;
				}
			} else {
				rc = get_wch(&ch);
			}
		}
		if (rc == ERR && got_tstp) {
			suspend(a);
			continue;
		}
		if (rc == ERR) {
			/* interrupted: the loop checks got_signal; but a terminal
			 * that has gone away (its window closed, tmux killed) also
			 * returns ERR at once, every time: that is a hang-up, not
			 * a reason to spin */
			if (!got_signal && (hung_up() || ++errors > 1000))
				got_signal = SIGHUP;
			continue;
		}
		errors = 0;
		key = translate(rc, ch, a);
		if (keys_action(CTX_GLOBAL, key) == ACT_SUSPEND) {
			suspend(a);
			continue;
		}
		if (key == K_RESIZE) {
			app_resize(a, LINES, COLS);
			clear();
		}
		redraw = app_key(a, key);
	}
	/* the busy wait stays short: closing the screens (app_done) saves
	 * reading positions, which must not hold up quitting either */
	a->show_now = NULL;
	a->stop_asked = NULL;
	live_frame = NULL;
	frame_done(&f);
	endwin();
	delscreen(scr);
	xalloc_set_cleanup(NULL);
	return got_signal ? 128 + got_signal : 0;
}
