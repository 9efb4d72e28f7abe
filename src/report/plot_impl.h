/* plot_impl.h: what the chart functions share with the gnuplot layer (internal). */
#ifndef FS_PLOT_IMPL_H
#define FS_PLOT_IMPL_H

#include <stddef.h>

/* Timelines show at most this many points per series: enough for the eye,
   small enough that the inlined SVG stays light. */
#define FS_PLOT_MAX_POINTS 600

/* Scale and unit label for counts up to max (1, thousands, millions). */
double fs_plot__count_scale(double max, const char **unit);
/* Number of line types of the common palette. */
size_t fs_plot__ncolours(void);

#endif
