/* i18n.h: the tool's own words in Bahasa Indonesia and English.
 *
 * The library translates its enums (km_*_label) and its error messages
 * (km_error_last_message); this file translates what only the tool says:
 * its messages, help headings and the labels of output fields. Messages are
 * printf formats whose arguments come in the same order in both languages.
 */
#ifndef KM_CLI_I18N_H
#define KM_CLI_I18N_H

typedef enum cli_msg {
    /* usage errors (exit 1) */
    M_MISSING_COMMAND,
    M_UNKNOWN_COMMAND,    /* %s command word */
    M_UNKNOWN_SUBCOMMAND, /* %s group, %s word, %s group */
    M_MISSING_SUBCOMMAND, /* %s group, %s group */
    M_UNKNOWN_OPTION,     /* %s option, %s command path */
    M_OPTION_NEEDS_VALUE, /* %s option, %s command path */
    M_OPTION_NO_VALUE,    /* %s option */
    M_BAD_NUMBER,         /* %s option, %s value */
    M_BAD_TIME,           /* %s option, %s value */
    M_BAD_CHOICE,         /* %s option, %s value, %s choices */
    M_BAD_HASH,           /* %s option */
    M_EXTRA_ARGUMENT,     /* %s argument, %s command path */
    M_MISSING_ARGUMENT,   /* %s what, %s command path */
    M_NO_STORE,
    M_TIME_TRAVEL_WRITE,
    M_AS_OF_BOTH,
    M_AS_OF_SEQ_ZERO,
    M_NOTHING_TO_UPDATE,  /* %s command path */
    M_ID_OR_EXTERNAL_ID,
    /* other errors */
    M_STORE_EXISTS,       /* %s path */
    M_CANNOT_CREATE,      /* %s path, %s system error */
    M_OUTPUT_FAILED,      /* %s system error */
    M_EDGES_READ,         /* %s path, %s system error */
    M_EDGES_COLUMNS,      /* %s path, %lu line */
    M_EDGES_WEIGHT,       /* %s path, %lu line, %s value */
    M_OPTION_CONFLICT,    /* %s option, %s other option */
    M_SNAPSHOT_DIFFERS,   /* %llu snapshot seq, %s its state hash, %s the log's */
    /* words and headings */
    L_YES,
    L_NO,
    L_NONE,
    L_USAGE,
    L_COMMANDS,
    L_OPTIONS,
    L_GLOBAL_OPTIONS,
    L_EXAMPLE,
    L_MORE_HELP,
    L_TOOL_SUMMARY,
    L_PHASE_OPEN,
    L_PHASE_VERIFY,
    L_INTACT,
    L_BROKEN,
    L_STORE_CREATED,
    M_LOAD,               /* %s a message of `load` already in ctx->lang (its own id/en table) */
    M__COUNT
} cli_msg;

/* The text of a message or word; never NULL. */
const char *cli_msg_text(cli_msg m, int lang);

/* The label of an output field for people, e.g. "external_id" ->
 * "id eksternal" / "external id". Unknown keys come back unchanged. */
const char *cli_field_label(const char *key, int lang);

#endif /* KM_CLI_I18N_H */
