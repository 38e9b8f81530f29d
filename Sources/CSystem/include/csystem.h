#ifndef COLLECTIVE_CSYSTEM_H
#define COLLECTIVE_CSYSTEM_H

/// Atomically swaps two existing paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success, -1 with errno
/// set otherwise (ENOSYS/EINVAL where the kernel or file system cannot exchange; the caller falls back to rename).
int collective_exchange(const char *from, const char *to);

#endif
