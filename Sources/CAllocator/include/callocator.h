#ifndef COLLECTIVE_CALLOCATOR_H
#define COLLECTIVE_CALLOCATOR_H

/// Tells mimalloc (the process's malloc, linked by the `collective` executable) to keep the memory it has committed
/// instead of handing freed pages back to the system 25 ms after they were freed. A build frees an initiative's page
/// models and buffers and makes the next initiative's moments later, so pages handed back were faulted in again and
/// zeroed by the kernel: 27,000 extra page faults in a build of the large benchmark site. For short-lived commands
/// (`build`, `check`); the peak stays what it was, since freed memory is reused rather than added to.
void collective_allocator_keep_committed(void);

#endif
