/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SVG building blocks shared by network drawings and charts. */
#include <math.h>
#include <string.h>

#include "internal.h"

/* Okabe-Ito colours, distinguishable with the common colour-vision deficiencies. */
const char *const firmnet_i_type_names[FIRMNET_I_NTYPES] = {
    "firm", "university", "research", "support", "government", "service",
};
static const char *const type_colors[FIRMNET_I_NTYPES] = {
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
};

const char *firmnet_i_type_color(const char *type)
{
    for (size_t k = 0; k < FIRMNET_I_NTYPES; k++) {
        if (type != NULL && strcmp(type, firmnet_i_type_names[k]) == 0) {
            return type_colors[k];
        }
    }
    return "#999999";
}

const char *firmnet_i_palette(size_t k)
{
    /* Tableau 10: a different family from the node colours, so edges and nodes do not read
     * as one legend. */
    static const char *const colors[] = {
        "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
        "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
    };
    return colors[k % (sizeof colors / sizeof colors[0])];
}

void firmnet_i_svg_begin(firmnet_i_out *o, double width, double height, const char *title)
{
    firmnet_i_out_str(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
    firmnet_i_out_fixed(o, width, 0);
    firmnet_i_out_str(o, "\" height=\"");
    firmnet_i_out_fixed(o, height, 0);
    firmnet_i_out_str(o, "\" viewBox=\"0 0 ");
    firmnet_i_out_fixed(o, width, 0);
    firmnet_i_out_str(o, " ");
    firmnet_i_out_fixed(o, height, 0);
    firmnet_i_out_str(o, "\" font-family=\"'Noto Sans CJK KR', 'Malgun Gothic', "
                         "'Apple SD Gothic Neo', 'DejaVu Sans', sans-serif\">\n<title>");
    firmnet_i_out_xml(o, title ? title : "");
    firmnet_i_out_str(o, "</title>\n<rect class=\"background\" width=\"100%\" height=\"100%\" "
                         "fill=\"#ffffff\"/>\n");
}

void firmnet_i_svg_text(firmnet_i_out *o, double x, double y, const char *anchor, double size,
                        bool bold, const char *extra, const char *text)
{
    firmnet_i_out_str(o, "<text x=\"");
    firmnet_i_out_fixed(o, x, 2);
    firmnet_i_out_str(o, "\" y=\"");
    firmnet_i_out_fixed(o, y, 2);
    firmnet_i_out_str(o, "\" font-size=\"");
    firmnet_i_out_fixed(o, size, 1);
    firmnet_i_out_str(o, "\"");
    if (anchor != NULL && strcmp(anchor, "start") != 0) {
        firmnet_i_out_printf(o, " text-anchor=\"%s\"", anchor);
    }
    if (bold) {
        firmnet_i_out_str(o, " font-weight=\"bold\"");
    }
    if (extra != NULL) {
        firmnet_i_out_printf(o, " %s", extra);
    }
    firmnet_i_out_str(o, ">");
    firmnet_i_out_xml(o, text);
    firmnet_i_out_str(o, "</text>\n");
}

void firmnet_i_nice_ticks(double lo, double hi, int target, double *first, double *step, int *count)
{
    double range = hi - lo, raw, mag, f, s;
    if (!(range > 0) || !isfinite(range)) {
        double c = isfinite(lo) ? lo : 0;
        *first = c;
        *step = 1;
        *count = 1;
        return;
    }
    raw = range / (target > 1 ? target : 5);
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    s = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    s *= mag;
    *first = ceil(lo / s - 1e-9) * s;
    *step = s;
    *count = (int)floor((hi - *first) / s + 1e-9) + 1;
    if (*count > 12) {
        *count = 12;
    }
}
