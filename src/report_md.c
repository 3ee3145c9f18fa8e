/*
 * report_md.c - the Markdown of readiness reports, written to survive
 * GitHub: pasted into an issue it renders as the text says, links work
 * and no one is notified (see report_int.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checklist.h"
#include "dates.h"
#include "readiness.h"
#include "report_int.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* ---- inline text ---- */

/* The characters that could start markup, escaped wherever they are. */
#define MD_SPECIAL "\\`*_[]<>|#~&$"

/* GFM trims these from the end of an address it links. */
#define URL_TRAILING "?!.,:*_~'\";"

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* The length of the web address at p (after prev), or 0: "http://" or
 * "https://" and what follows up to a space, '<', '>', '|' or a quote,
 * without the punctuation GFM leaves out of a link (trailing ".,:" and
 * an unbalanced ')'). */
static size_t
url_at(const char *p, char prev)
{
	size_t n = 0, open = 0, close = 0;

	if (word_char(prev))
		return 0;
	if (strncasecmp(p, "https://", 8) == 0)
		n = 8;
	else if (strncasecmp(p, "http://", 7) == 0)
		n = 7;
	else if (strncasecmp(p, "www.", 4) == 0)
		n = 4;
	else
		return 0;
	if (!word_char(p[n]))
		return 0;
	while (p[n] != '\0' && (unsigned char)p[n] > ' ' && strchr("<>|\"`", p[n]) == NULL)
		n++;
	for (;;) {
		if (n > 0 && strchr(URL_TRAILING, p[n - 1]) != NULL) {
			n--;
			continue;
		}
		if (n > 0 && p[n - 1] == ')') {
			open = close = 0;
			for (size_t i = 0; i < n; i++) {
				open += p[i] == '(';
				close += p[i] == ')';
			}
			if (close > open) {
				n--;
				continue;
			}
		}
		break;
	}
	return n;
}

void
report_md_text(struct strbuf *b, const char *s)
{
	char *c = text_clean(s, 0), prev = ' ';

	for (const char *p = c; *p != '\0'; prev = p[-1]) {
		size_t n = url_at(p, prev);

		if (n > 0) {
			/* an autolink: its href is the text between the brackets,
			 * byte for byte, so '#', '_' and '*' need no escape */
			bool www = strncasecmp(p, "www.", 4) == 0, plain = true;
			for (size_t i = 0; i < n; i++)
				plain = plain && strchr(MD_SPECIAL, p[i]) == NULL;
			if (www && plain) { /* GFM links it as it is */
				strbuf_add(b, p, n);
				p += n;
				continue;
			}
			/* GitHub's own scheme for a www. address */
			strbuf_puts(b, www ? "<http://" : "<");
			strbuf_add(b, p, n);
			strbuf_puts(b, ">");
			p += n;
			continue;
		}
		if (*p == '@' && !word_char(prev) && word_char(p[1]) && p[1] != '_') {
			/* GitHub mentions only "@name" in one run of text */
			strbuf_puts(b, "@<!-- -->");
			p++;
			continue;
		}
		if (strchr(MD_SPECIAL, *p) != NULL)
			strbuf_add(b, "\\", 1);
		strbuf_add(b, p, 1);
		p++;
	}
	free(c);
}

/* ---- parts of a role ---- */

static void
md_item(struct strbuf *b, bool done, const char *text, const struct store_item *rec, bool required)
{
	char date[DATES_MAX];

	strbuf_printf(b, "- [%c] ", done ? 'x' : ' ');
	report_md_text(b, text);
	if (required)
		strbuf_puts(b, " (prerequisite)");
	if (done && rec != NULL) {
		dates_format(rec->done_at, DATE_DAY, date);
		strbuf_printf(b, " \xe2\x80\x94 done %s", date); /* U+2014 EM DASH */
	}
	if (rec != NULL && rec->origin == STORE_UNVERIFIED)
		strbuf_puts(b, " (unverified)");
	if (rec != NULL && rec->note != NULL && *rec->note != '\0') {
		strbuf_puts(b, " \xe2\x80\x94 ");
		report_md_text(b, rec->note);
	}
	strbuf_puts(b, "\n");
}

void
report_md_evidence(void *arg, const struct report_role *rr, const struct store_rating *rt,
		   bool heading)
{
	struct strbuf *b = arg;
	const char *text, *area;

	bool current = report_rating_subject(rr, rt, &text, &area);

	if (heading) {
		strbuf_puts(b, "- **");
		report_md_text(b, area);
		strbuf_puts(b, ":** ");
		report_md_text(b, text);
		strbuf_puts(b, current ? "\n" : " " GONE_NOTE "\n");
	}
	strbuf_puts(b, "  - ");
	report_md_text(b, *rt->rater ? rt->rater : "self");
	if (rt->value > 0)
		strbuf_printf(b, " (%d)", rt->value);
	if (rt->updated_at > 0) {
		char when[DATES_MAX];
		strbuf_printf(b, ", %s", dates_format(rt->updated_at, DATE_DAY, when));
	}
	if (rt->origin == STORE_UNVERIFIED)
		strbuf_puts(b, ", unverified");
	strbuf_puts(b, ": ");
	report_md_text(b, rt->note);
	strbuf_puts(b, "\n");
}

void
report_md_step_evidence(void *arg, size_t num, const struct checklist_entry *e)
{
	struct strbuf *b = arg;
	char when[DATES_MAX];

	strbuf_printf(b, "- **Step %zu:** ", num);
	report_md_text(b, e->item->text);
	strbuf_printf(b, "\n  - %s: ", dates_format(e->rec->updated_at, DATE_DAY, when));
	report_md_text(b, e->rec->note);
	strbuf_puts(b, "\n");
}

void
report_md_role(struct strbuf *b, const struct report_role *rr)
{
	const struct role *r = rr->role;
	const char *group = NULL;
	size_t nevidence;

	strbuf_puts(b, "\n## ");
	report_md_text(b, r->title);
	strbuf_puts(b, " (");
	report_md_text(b, r->id);
	strbuf_puts(b, ")\n\n");
	report_due_text(b, rr, true);
	{
		char *line = readiness_checklist_line(&rr->by.self.rd), *colon = strchr(line, ':');
		*colon = '\0';
		strbuf_printf(b, "**%s:**%s\n", line, colon + 1);
		free(line);
	}
	for (size_t i = 0; i < rr->cl.n; i++) {
		const struct checklist_entry *e = &rr->cl.v[i];
		const char *g = e->item->group;

		if (g != NULL && (group == NULL || strcmp(g, group) != 0)) {
			strbuf_puts(b, "\n**");
			report_md_text(b, g);
			strbuf_puts(b, "**\n\n");
			group = g;
		} else if (i == 0) {
			strbuf_puts(b, "\n");
		}
		md_item(b, e->done, e->item->text, e->rec, e->item->required);
	}
	if (rr->cl.nstale > 0) {
		strbuf_puts(b, "\n**Earlier progress that no longer matches the content**\n\n");
		for (size_t k = 0; k < rr->cl.nstale; k++)
			md_item(b, rr->cl.stale[k]->done, rr->cl.stale[k]->text, rr->cl.stale[k],
				false);
	}

	strbuf_puts(b, "\n");
	report_md_scores(b, rr);
	report_uncounted_line(b, rr, "\n");
	report_md_verdicts(b, rr);
	report_trend_md(b, rr, "### ", "");

	strbuf_puts(b, "\n### Evidence\n\n");
	nevidence = b->len;
	report_each_evidence(rr, report_md_evidence, b);
	report_each_step_evidence(rr, report_md_step_evidence, b);
	if (b->len == nevidence)
		strbuf_puts(b, "No notes yet.\n");
}

/* A rater's last rating date, or a dash, in buf (DATES_MAX bytes). */
static const char *
md_latest(const struct rater_readiness *rd, char *buf)
{
	int64_t t = report_rater_latest(rd);

	return t > 0 ? dates_format(t, DATE_DAY, buf) : "\xe2\x80\x93"; /* U+2013 */
}

void
report_md_scores(struct strbuf *b, const struct report_role *rr)
{
	const struct role *r = rr->role;
	char avg[DATES_MAX];

	if (r->nareas == 0) {
		strbuf_puts(b, "**Skill areas:** none in this role\n");
	} else {
		strbuf_puts(b, "| Skill area | Self |");
		for (size_t k = 0; k < rr->by.nrev; k++) {
			strbuf_puts(b, " ");
			report_md_text(b, rr->by.rev[k].rater);
			strbuf_puts(b, " |");
		}
		strbuf_puts(b, " Threshold |\n| --- | ---: |");
		for (size_t k = 0; k < rr->by.nrev; k++)
			strbuf_puts(b, " ---: |");
		strbuf_puts(b, " ---: |\n");
		for (size_t a = 0; a < r->nareas; a++) {
			strbuf_puts(b, "| ");
			report_md_text(b, r->areas[a].name);
			readiness_area_value(&rr->by.self.rd.areas[a], "\xe2\x80\x93",
					     avg); /* U+2013 */
			strbuf_printf(b, " | %s |", avg);
			for (size_t k = 0; k < rr->by.nrev; k++) {
				readiness_area_value(&rr->by.rev[k].rd.areas[a], "\xe2\x80\x93",
						     avg);
				strbuf_printf(b, " %s |", avg);
			}
			readiness_format_threshold(r->threshold, avg);
			strbuf_printf(b, " %s |\n", avg);
		}
		/* when each rater last rated: how current the column is */
		strbuf_printf(b, "| %s | %s |", LATEST_LABEL, md_latest(&rr->by.self, avg));
		for (size_t k = 0; k < rr->by.nrev; k++)
			strbuf_printf(b, " %s |", md_latest(&rr->by.rev[k], avg));
		strbuf_puts(b, "  |\n");
		if (report_any_unverified(&rr->by)) { /* how much of each column no one signed */
			for (size_t k = 0; k <= rr->by.nrev; k++) {
				const struct readiness *rd =
				    k == 0 ? &rr->by.self.rd : &rr->by.rev[k - 1].rd;
				char *c = report_unverified_cell(rd, "\xe2\x80\x93");
				if (k == 0)
					strbuf_printf(b, "| %s |", UNVERIFIED_LABEL);
				strbuf_printf(b, " %s |", c);
				free(c);
			}
			strbuf_puts(b, "  |\n");
		}
	}
}

void
report_md_verdicts(struct strbuf *b, const struct report_role *rr)
{
	strbuf_puts(b, "\n**Readiness:** ");
	report_md_text(b, rr->by.verdict);
	strbuf_puts(b, "\n");
	if (rr->by.nrev > 0) {
		strbuf_puts(b, "\n- self: ");
		report_md_text(b, rr->by.self.rd.verdict);
		strbuf_puts(b, "\n");
	}
	for (size_t k = 0; k < rr->by.nrev; k++) {
		strbuf_puts(b, "- ");
		report_md_text(b, rr->by.rev[k].rater);
		strbuf_puts(b, ": ");
		report_md_text(b, rr->by.rev[k].rd.verdict);
		strbuf_puts(b, "\n");
	}
	strbuf_printf(b, "\n> %s\n", READINESS_DISCLAIMER);
}
