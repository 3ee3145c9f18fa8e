/*
 * The ranges a stored number may take, in one place: import refuses a file
 * with a number outside them (export_check.c) and open reports a database
 * holding one as damaged (store_schema.c's rules), so what rolebook exports
 * it imports again.  Each bound is a plain literal, for C and, through
 * BOUND_SQL, for the SQL of the rules.
 */
#ifndef ROLEBOOK_BOUNDS_H
#define ROLEBOOK_BOUNDS_H

/* A time in Unix seconds: 1970-01-01 to 9999-12-31T23:59:59Z. */
#define BOUND_TIME_MIN 0
#define BOUND_TIME_MAX 253402300799
/* How far past the clock a time may lie (time zones, a clock a little
 * fast): import refuses a file with a later time and open reports a
 * database holding one as damaged. */
#define BOUND_TIME_AHEAD 86400
/* A reading position's line. */
#define BOUND_LINE_MIN 0
#define BOUND_LINE_MAX 2147483647
/* A rating's value (0: not rated yet) and a snapshot rating's. */
#define BOUND_RATING_MIN 0
#define BOUND_RATING_MAX 5
#define BOUND_SNAPSHOT_RATING_MIN 1
/* A count in the log of imports. */
#define BOUND_COUNT_MIN 0
#define BOUND_COUNT_MAX 2147483647

#define BOUND_SQL_(x) #x
/* The bound x (one of the above) as SQL text. */
#define BOUND_SQL(x) BOUND_SQL_(x)

#endif
