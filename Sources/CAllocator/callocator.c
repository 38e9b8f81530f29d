#include "callocator.h"
#include <mimalloc.h>

void collective_allocator_keep_committed(void) {
#if MI_MALLOC_VERSION >= 210
    // mimalloc 2.1 renamed decommitting to purging; a negative delay never purges.
    mi_option_set(mi_option_purge_delay, -1);
#else
    // A segment made before this call (the first one is made before `main`) keeps the `allow_decommit` it was
    // made with, but the delay is read whenever freed pages are scheduled for decommit: an hour is never, for a
    // build.
    mi_option_set(mi_option_allow_decommit, 0);
    mi_option_set(mi_option_decommit_delay, 3600L * 1000);
    mi_option_set(mi_option_segment_decommit_delay, 3600L * 1000);
#endif
}
