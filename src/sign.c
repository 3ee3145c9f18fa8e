/*
 * sign.c - signing and verifying with ssh-keygen -Y (see sign.h).
 *
 * Every call is posix_spawnp("ssh-keygen", argv) with standard input from
 * a file or /dev/null and standard output and error read back through one
 * pipe, so ssh-keygen never talks to the terminal.  Nothing here prints.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sign.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

extern char **environ;

/* clang-format off */
static const char *const messages[] = {
	[SIGN_OK] = "success",
	[SIGN_ERR_TOOL] = "cannot run ssh-keygen (install openssh-client)",
	[SIGN_ERR_SIGN] = "ssh-keygen could not sign the file",
	[SIGN_ERR_NOSIGNERS] = "cannot read the allowed-signers file",
	[SIGN_ERR_UNKNOWN] = "the signer is not in the allowed-signers file",
	[SIGN_ERR_BAD] = "the signature does not verify",
	[SIGN_ERR_NOTSIG] = "the .sig file is not an SSH signature",
};
/* clang-format on */

const char *
sign_strerror(enum sign_status status)
{
	if ((unsigned)status >= sizeof messages / sizeof messages[0] || messages[status] == NULL)
		return "unknown error";
	return messages[status];
}

/* Output kept from one run, at most this many bytes. */
#define OUTPUT_MAX 4096

/*
 * Runs ssh-keygen with argv (argv[0] "ssh-keygen"), standard input from
 * input (NULL: /dev/null).  *exit_code its exit status (-1 when it did not
 * exit normally); *output a new string of what it wrote (stdout and
 * stderr), sanitised.  Returns 0, or an errno when it could not be run.
 */
static int
run(char *const argv[], const char *input, int *exit_code, char **output)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], in, err = 0, status = 0;
	pid_t pid;
	struct strbuf b = {0};
	char buf[512];
	ssize_t got;

	*exit_code = -1;
	*output = NULL;
	in = open(input != NULL ? input : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return errno;
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		err = errno;
		close(in);
		return err;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	err = posix_spawnp(&pid, "ssh-keygen", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in);
	close(pipefd[1]);
	if (err == 0) {
		while ((got = read(pipefd[0], buf, sizeof buf)) != 0) {
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				break;
			if (b.len < OUTPUT_MAX)
				strbuf_add(&b, buf, (size_t)got);
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status))
			*exit_code = WEXITSTATUS(status);
	}
	close(pipefd[0]);
	if (err == 0) {
		char *raw = strbuf_take(&b);
		size_t n = strlen(raw);
		while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == ' '))
			raw[--n] = '\0';
		/* one line: ssh-keygen's lines joined by "; ", each without
		 * the spaces and full stop at its end */
		{
			struct strbuf one = {0};
			for (char *line = raw, *nl; line != NULL; line = nl) {
				size_t k;
				nl = strchr(line, '\n');
				k = nl ? (size_t)(nl - line) : strlen(line);
				if (nl != NULL)
					nl++;
				while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\r' ||
						 line[k - 1] == '.'))
					k--;
				if (k == 0)
					continue;
				if (one.len > 0)
					strbuf_puts(&one, "; ");
				strbuf_add(&one, line, k);
			}
			free(raw);
			raw = one.s != NULL ? strbuf_take(&one) : xstrdup("");
		}
		*output = text_clean(raw, 0);
		free(raw);
	} else {
		strbuf_free(&b);
	}
	return err;
}

enum sign_status
sign_file(const char *key, const char *path, char **detail)
{
	/* a file named "-x" would be read as an option: "./-x" */
	char *file = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	char *sig = xasprintf("%s.sig", path), *out = NULL;
	char *argv[] = {"ssh-keygen", "-q", "-Y",	    "sign", "-f",
			(char *)key,  "-n", SIGN_NAMESPACE, file,   NULL};
	int code, err;
	enum sign_status s = SIGN_OK;

	if (unlink(sig) != 0 && errno != ENOENT) {
		xreplacef(detail, "cannot replace the old signature: %s", strerror(errno));
		free(sig);
		free(file);
		return SIGN_ERR_SIGN;
	}
	err = run(argv, NULL, &code, &out);
	if (err != 0) {
		xreplacef(detail, "cannot run ssh-keygen: %s (install openssh-client)",
			  strerror(err));
		s = SIGN_ERR_TOOL;
	} else if (code == 127) {
		xreplacef(detail, "cannot run ssh-keygen (install openssh-client)");
		s = SIGN_ERR_TOOL;
	} else if (code != 0 || access(sig, F_OK) != 0) {
		xreplacef(detail, "ssh-keygen could not sign with %s: %s", key,
			  out && *out ? out : "no signature written");
		s = SIGN_ERR_SIGN;
	}
	free(out);
	free(sig);
	free(file);
	return s;
}

enum sign_status
sign_verify(const char *allowed, const char *path, const char *sigpath, char **principal,
	    char **detail)
{
	char *find[] = {"ssh-keygen",	 "-Y", "find-principals", "-s",
			(char *)sigpath, "-f", (char *)allowed,	  NULL};
	char *out = NULL, *who = NULL, *end;
	int code, err;

	*principal = NULL;
	if (access(allowed, R_OK) != 0) {
		xreplacef(detail, "cannot read the allowed-signers file %s: %s", allowed,
			  strerror(errno));
		return SIGN_ERR_NOSIGNERS;
	}
	{
		/* a file that is no signature at all is said to be so, not
		 * blamed on the allowed-signers file */
		static const char head[] = "-----BEGIN SSH SIGNATURE-----";
		char first[sizeof head] = "";
		FILE *f = fopen(sigpath, "r");
		size_t got = f ? fread(first, 1, sizeof head - 1, f) : 0;
		if (f != NULL)
			fclose(f);
		if (got != sizeof head - 1 || memcmp(first, head, sizeof head - 1) != 0) {
			xreplacef(detail, "%s does not begin with \"%s\"", sigpath, head);
			return SIGN_ERR_NOTSIG;
		}
	}
	err = run(find, NULL, &code, &out);
	if (err != 0 || code == 127) {
		xreplacef(detail, "cannot run ssh-keygen: %s (install openssh-client)",
			  err ? strerror(err) : "not found");
		free(out);
		return SIGN_ERR_TOOL;
	}
	if (code != 0 || out == NULL || *out == '\0') {
		xreplacef(detail, "no key of %s made this signature%s%s", allowed,
			  out && *out ? ": " : "", out ? out : "");
		free(out);
		return SIGN_ERR_UNKNOWN;
	}
	/* the first principal, up to a space or a comma */
	end = out + strcspn(out, " ,");
	who = xstrndup(out, (size_t)(end - out));
	free(out);
	{
		char *verify[] = {"ssh-keygen", "-Y", "verify",	      "-f", (char *)allowed, "-I",
				  who,		"-n", SIGN_NAMESPACE, "-s", (char *)sigpath, NULL};
		err = run(verify, path, &code, &out);
	}
	if (err != 0 || code != 0) {
		if (err == 0 && out != NULL && strstr(out, "incorrect signature") != NULL)
			xreplacef(detail,
				  "made with the key of %s, but not of these bytes: the file was "
				  "changed after it was signed, or FILE.sig is another file's "
				  "(ssh-keygen: %s)",
				  who, out);
		else if (err == 0 && out != NULL && strstr(out, "namespace") != NULL)
			xreplacef(detail,
				  "made with the key of %s, but for another use than rolebook's "
				  "(ssh-keygen -Y sign -n rolebook; ssh-keygen: %s)",
				  who, out);
		else
			xreplacef(detail, "made with the key of %s, but ssh-keygen says: %s", who,
				  err		? strerror(err)
				  : out && *out ? out
						: "ssh-keygen refused it");
		free(out);
		free(who);
		return err != 0 ? SIGN_ERR_TOOL : SIGN_ERR_BAD;
	}
	free(out);
	*principal = who;
	return SIGN_OK;
}
