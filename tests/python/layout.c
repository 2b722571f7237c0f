/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Prints, as JSON, the size of every options struct the Python binding mirrors with ctypes,
 * the offset and size of each field in declaration order, the options versions and the enum
 * values the binding spells out itself. test_analyses.py compares this with the ctypes
 * declarations in bindings/python/firmnet/_lib.py, so a struct that changes in C without
 * its mirror (or the reverse) fails the test.
 */
#include <stddef.h>
#include <stdio.h>

#include <firmnet.h>

static const char *sep = "";  /* between entries of the top-level object */
static const char *fsep = ""; /* between the fields of one struct */

static void begin(const char *name, size_t size, int version)
{
    printf("%s\n  \"%s\": {\"size\": %zu, \"version\": %d, \"fields\": [", sep, name, size,
           version);
    sep = ",";
    fsep = "";
}

static void field(const char *name, size_t offset, size_t size)
{
    printf("%s[\"%s\", %zu, %zu]", fsep, name, offset, size);
    fsep = ", ";
}

static void value(const char *name, long long v)
{
    printf("%s\n  \"%s\": %lld", sep, name, v);
}

#define BEGIN(T, version) begin(#T, sizeof(T), version)
/* sizeof does not evaluate its operand: ((T *)0)->f only names the member's type */
#define FIELD(T, f) field(#f, offsetof(T, f), sizeof(((T *)0)->f))
#define END() printf("]}")
#define VALUE(name) value(#name, (long long)(name))
#define ENUM_SIZE(T) value("sizeof " #T, (long long)sizeof(T))

int main(void)
{
    printf("{");
    BEGIN(firmnet_read_options, FIRMNET_READ_OPTIONS_VERSION);
    FIELD(firmnet_read_options, version);
    FIELD(firmnet_read_options, strict);
    FIELD(firmnet_read_options, duplicates);
    FIELD(firmnet_read_options, progress);
    FIELD(firmnet_read_options, progress_payload);
    END();
    BEGIN(firmnet_load_report, 0);
    FIELD(firmnet_load_report, rows);
    FIELD(firmnet_load_report, blank_lines);
    FIELD(firmnet_load_report, actors_added);
    FIELD(firmnet_load_report, actors_implicit);
    FIELD(firmnet_load_report, ties_added);
    FIELD(firmnet_load_report, duplicates_merged);
    FIELD(firmnet_load_report, self_ties_dropped);
    FIELD(firmnet_load_report, near_duplicate_ids);
    END();
    BEGIN(firmnet_graph_options, FIRMNET_GRAPH_OPTIONS_VERSION);
    FIELD(firmnet_graph_options, version);
    FIELD(firmnet_graph_options, layers);
    FIELD(firmnet_graph_options, wave);
    FIELD(firmnet_graph_options, undirected);
    FIELD(firmnet_graph_options, merge);
    END();
    BEGIN(firmnet_centrality_options, FIRMNET_CENTRALITY_OPTIONS_VERSION);
    FIELD(firmnet_centrality_options, version);
    FIELD(firmnet_centrality_options, measures);
    FIELD(firmnet_centrality_options, weights);
    FIELD(firmnet_centrality_options, normalized);
    FIELD(firmnet_centrality_options, damping);
    FIELD(firmnet_centrality_options, closeness_mode);
    FIELD(firmnet_centrality_options, coreness_mode);
    FIELD(firmnet_centrality_options, betweenness);
    FIELD(firmnet_centrality_options, samples);
    FIELD(firmnet_centrality_options, epsilon);
    FIELD(firmnet_centrality_options, delta);
    FIELD(firmnet_centrality_options, seed);
    FIELD(firmnet_centrality_options, sample_above);
    FIELD(firmnet_centrality_options, threads);
    END();
    BEGIN(firmnet_embeddedness_options, FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION);
    FIELD(firmnet_embeddedness_options, version);
    FIELD(firmnet_embeddedness_options, measures);
    FIELD(firmnet_embeddedness_options, unweighted);
    FIELD(firmnet_embeddedness_options, blank);
    END();
    BEGIN(firmnet_ei_options, FIRMNET_EI_OPTIONS_VERSION);
    FIELD(firmnet_ei_options, version);
    FIELD(firmnet_ei_options, permutations);
    FIELD(firmnet_ei_options, seed);
    FIELD(firmnet_ei_options, blank);
    FIELD(firmnet_ei_options, progress);
    FIELD(firmnet_ei_options, progress_payload);
    END();
    BEGIN(firmnet_brokerage_options, FIRMNET_BROKERAGE_OPTIONS_VERSION);
    FIELD(firmnet_brokerage_options, version);
    FIELD(firmnet_brokerage_options, blank);
    END();
    BEGIN(firmnet_change_options, FIRMNET_CHANGE_OPTIONS_VERSION);
    FIELD(firmnet_change_options, version);
    FIELD(firmnet_change_options, from);
    FIELD(firmnet_change_options, to);
    FIELD(firmnet_change_options, layers);
    FIELD(firmnet_change_options, group);
    FIELD(firmnet_change_options, strata);
    FIELD(firmnet_change_options, panel);
    FIELD(firmnet_change_options, permutations);
    FIELD(firmnet_change_options, bootstrap);
    FIELD(firmnet_change_options, seed);
    FIELD(firmnet_change_options, attributes);
    FIELD(firmnet_change_options, merge);
    FIELD(firmnet_change_options, progress);
    FIELD(firmnet_change_options, progress_payload);
    END();
    BEGIN(firmnet_export_options, FIRMNET_EXPORT_OPTIONS_VERSION);
    FIELD(firmnet_export_options, version);
    FIELD(firmnet_export_options, attributes);
    FIELD(firmnet_export_options, label);
    FIELD(firmnet_export_options, drop_isolates);
    FIELD(firmnet_export_options, description);
    FIELD(firmnet_export_options, no_bom);
    END();
    BEGIN(firmnet_draw_options, FIRMNET_DRAW_OPTIONS_VERSION);
    FIELD(firmnet_draw_options, version);
    FIELD(firmnet_draw_options, seed);
    FIELD(firmnet_draw_options, layout);
    FIELD(firmnet_draw_options, title);
    FIELD(firmnet_draw_options, size_values);
    FIELD(firmnet_draw_options, size_len);
    FIELD(firmnet_draw_options, size_attribute);
    FIELD(firmnet_draw_options, size_label);
    FIELD(firmnet_draw_options, label_attribute);
    FIELD(firmnet_draw_options, labels);
    FIELD(firmnet_draw_options, width);
    FIELD(firmnet_draw_options, height);
    FIELD(firmnet_draw_options, drop_isolates);
    END();
    BEGIN(firmnet_chart_options, FIRMNET_CHART_OPTIONS_VERSION);
    FIELD(firmnet_chart_options, version);
    FIELD(firmnet_chart_options, title);
    FIELD(firmnet_chart_options, x_label);
    FIELD(firmnet_chart_options, y_label);
    FIELD(firmnet_chart_options, width);
    FIELD(firmnet_chart_options, height);
    FIELD(firmnet_chart_options, style);
    FIELD(firmnet_chart_options, bins);
    END();
    BEGIN(firmnet_report_options, FIRMNET_REPORT_OPTIONS_VERSION);
    FIELD(firmnet_report_options, version);
    FIELD(firmnet_report_options, title);
    FIELD(firmnet_report_options, waves);
    FIELD(firmnet_report_options, layers);
    FIELD(firmnet_report_options, top);
    FIELD(firmnet_report_options, permutations);
    FIELD(firmnet_report_options, bootstrap);
    FIELD(firmnet_report_options, seed);
    FIELD(firmnet_report_options, measure);
    FIELD(firmnet_report_options, progress);
    FIELD(firmnet_report_options, progress_payload);
    END();
    /* enum values the binding writes itself (the others are parsed by the C library) */
    VALUE(FIRMNET_EXPORT_AUTO);
    VALUE(FIRMNET_CHART_DOTS);
    VALUE(FIRMNET_CHART_BARS);
    VALUE(FIRMNET_CHANGE_CHART_MEANS);
    VALUE(FIRMNET_CHANGE_CHART_DIFF);
    ENUM_SIZE(firmnet_export_format);
    ENUM_SIZE(firmnet_layout_algorithm);
    ENUM_SIZE(firmnet_chart_style);
    ENUM_SIZE(firmnet_change_chart);
    VALUE(FIRMNET_BLANK_GROUP);
    VALUE(FIRMNET_BLANK_EXCLUDE);
    VALUE(FIRMNET_EMBEDDEDNESS_LOCAL);
    VALUE(FIRMNET_EMBEDDEDNESS_STRUCTURAL);
    VALUE(FIRMNET_EMBEDDEDNESS_RELATIONAL);
    VALUE(FIRMNET_CHANGE_PANEL_RESPONDENTS);
    VALUE(FIRMNET_CHANGE_PANEL_ALL);
    ENUM_SIZE(firmnet_weights);
    ENUM_SIZE(firmnet_mode);
    ENUM_SIZE(firmnet_betweenness_method);
    ENUM_SIZE(firmnet_blank);
    ENUM_SIZE(firmnet_change_panel);
    ENUM_SIZE(firmnet_merge);
    printf("\n}\n");
    return 0;
}
