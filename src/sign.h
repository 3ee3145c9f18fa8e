/*
 * sign.h - signing and verifying files with OpenSSH's ssh-keygen -Y.
 *
 * rolebook writes no cryptography: it runs ssh-keygen (Debian's
 * openssh-client) as a program, with fork and exec (posix_spawnp), never
 * through a shell, its arguments passed as they are.  The namespace is
 * always SIGN_NAMESPACE, so a signature made for git or another tool never
 * verifies here.
 *
 * An allowed-signers file is the one git uses (ssh-keygen(1), ALLOWED
 * SIGNERS): one line per key, "PRINCIPAL KEYTYPE KEY", e.g.
 * "alice ssh-ed25519 AAAAC3...".
 *
 * Functions never print and never exit: they return a status whose message
 * comes from sign_strerror() and, where a detail pointer is given, a new
 * string with specifics, such as ssh-keygen's own message (caller frees).
 */
#ifndef ROLEBOOK_SIGN_H
#define ROLEBOOK_SIGN_H

#define SIGN_NAMESPACE "rolebook"

enum sign_status {
	SIGN_OK = 0,
	SIGN_ERR_TOOL,	    /* ssh-keygen cannot be run */
	SIGN_ERR_SIGN,	    /* ssh-keygen could not sign (no such key, a passphrase...) */
	SIGN_ERR_NOSIGNERS, /* the allowed-signers file cannot be read */
	SIGN_ERR_UNKNOWN,   /* the signature's key is in no allowed-signers line */
	SIGN_ERR_BAD,	    /* the signature does not verify: the file was changed,
			       or the signature is not one */
	SIGN_ERR_NOTSIG,    /* the .sig file is not an SSH signature at all */
};

/* Static message for a status, e.g. "the signature does not verify". */
const char *sign_strerror(enum sign_status status);

/*
 * Signs path with the private key file key: runs
 * `ssh-keygen -Y sign -f KEY -n rolebook PATH`, which writes PATH.sig.  An
 * existing PATH.sig is removed first (ssh-keygen would ask on the
 * terminal).  SIGN_ERR_SIGN with ssh-keygen's message in *detail.
 */
enum sign_status sign_file(const char *key, const char *path, char **detail);

/*
 * Verifies that sigpath is a valid signature of path by a key of the
 * allowed-signers file allowed: finds the principal (`ssh-keygen -Y
 * find-principals -s SIG -f ALLOWED`), then `ssh-keygen -Y verify -f
 * ALLOWED -I PRINCIPAL -n rolebook -s SIG < PATH`.  On SIGN_OK *principal
 * is a new string (caller frees), the first principal found; else NULL.
 */
enum sign_status sign_verify(const char *allowed, const char *path, const char *sigpath,
			     char **principal, char **detail);

#endif
