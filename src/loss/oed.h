/* oed.h: reads an Open Exposure Data (OED v4) portfolio folder into the policies of a portfolio. */
#ifndef FS_OED_H
#define FS_OED_H

#include <stdint.h>

#include "loss/portfolio.h"
#include "util/err.h"

/* An OED portfolio is a folder (docs/LOSSES.md 2.4). The field names are
   those of the OED specification, OasisLMF/ODS_OpenExposureData,
   OpenExposureData/OEDInputFields.csv (v4: property, cyber, liability and
   marine cargo in one specification). OED v4 puts every cyber field in the
   account file, so:

   - the account file is required: DIR/account.csv, else the one file of
     DIR whose name ends in ".csv" and holds "acc" (any case);
   - the location file is optional: DIR/location.csv, else the one *.csv
     file whose name holds "loc". Two candidates, or a name holding both
     "acc" and "loc", is an error.

   One policy per account row (AccNumber + PolNumber, its id
   "AccNumber/PolNumber", unique). Column names match in any case.

   Account columns (R: the column is required; empty values take the
   default in brackets, OED's own where OED has one):
     AccNumber, PolNumber (R)      the policy's id; each may not be empty
     AccCurrency (R)               must be USD (fleetsim prices in USD), as
                                   must AnnualRevenueCurrency, LimitCurrency
                                   and DedCurrency when given
     AnnualRevenue (R)             > 0: the insured's revenue
     PolDed (R)                    >= 0 [0]: the deductible, plus PolSIR and
                                   LayerAttachment when given (fleetsim has
                                   one retention: exact without coinsurance;
                                   an attachment with coinsurance is an error)
     LayerLimit (R)                >= 0 [0]; 0 = unlimited, as in Oasis
     LayerParticipation (R)        [0, 1] [1]: the share
     PortNumber                    with PortNumber in the location file too,
                                   locations link by (PortNumber, AccNumber)
     InsuredName, AccName          the name: the first non-empty, else the id
     BIWaitingPeriod               days >= 0 [0], to the second: the waiting
                                   period
     PolCoverage                   cyber coverage codes separated by ';'
                                   [CYB = all]: NPBI (or BI, as OED's own
                                   example writes it; required), CBI, DIAS,
                                   INRE, EXT, FIN, LIA, REG, ENO. Without CBI
                                   contingent BI from providers the policy
                                   does not name is excluded; without DIAS
                                   data restoration, without INRE extra
                                   expense
     PolLimitCBI, PolLimitDIAS,    >= 0 [0]; 0 = no sublimit (OED): the
     PolLimitINRE                  sublimits of contingent BI (unnamed
                                   providers), data restoration, extra expense
     CountryCode, AreaCode         the region (models/oed/geography.csv;
                                   AreaCode, the state, is needed for US)
     IndustryScheme1,              the industry (NAICS only,
     IndustryCode1                 models/oed/naics.csv)
   fleetsim extensions, in OED's Flexi* form (OED has no such fields;
   fleetsim's CSV meaning: empty = none, 0 = excluded):
     FlexiAccEndpoints             whole > 0 [the locations' sum, else drawn]
     FlexiAccAgentVendor           [drawn]
     FlexiAccCloudRegions, FlexiAccIdentityProvider, FlexiAccMSP  [drawn]
     FlexiPolSystemFailureSublimit >= 0 [none; 0 = excluded]
     FlexiPolCBIWaitingPeriod      days >= 0 [BIWaitingPeriod]
     FlexiPolNamedProviders        provider ids separated by ';' (<= 4)
     FlexiPolNamedCBISublimit      >= 0 [none; 0 = excluded]
     FlexiPolCoinsurance           [0, 1) [0]
     FlexiPolWidespreadEventThreshold (0, 1] [no clause],
     FlexiPolWidespreadEventSublimit  >= 0 [0 = excluded]
     FlexiPolInfrastructureExclusion  Y/N [N]

   Location columns: AccNumber, LocNumber and CountryCode (R); AreaCode,
   PortNumber, OccupancyCode ([1000], models/oed/occupancy.csv), BITIV (>= 0
   [0]) and FlexiLocEndpoints (whole > 0). Every location must belong to an
   account row. An account's industry and region are its own
   (IndustryCode1, CountryCode) when given, else those of its largest
   location by BITIV (the first of equals, in file order); its endpoints
   are FlexiAccEndpoints, else the sum of its locations' FlexiLocEndpoints
   (empty when none gives any: drawn). Every location's codes are checked,
   used or not.

   Other columns are ignored and named in one note per file ("DIR/x.csv:
   N OED fields ignored: A, B, ..."). A column starting with "Flexi" close
   to one of the extensions above is an error with a "did you mean".

   The mapping tables are MODELS/oed/occupancy.csv (code_from, code_to,
   industry), naics.csv (prefix, industry; the longest prefix wins) and
   geography.csv (country, area, region; area empty = the whole country),
   each with a source column; an empty industry or region means "no
   fleetsim counterpart" (an error where used). */

/* A note for the user (the ignored fields); msg has no trailing newline. */
typedef void (*fs_oed_note_fn)(void *ud, const char *msg);

typedef struct fs_oed_opts {
  const char *models_dir; /* holds oed/; NULL: $FLEETSIM_MODELS, else the source tree's models/ */
  fs_oed_note_fn note;    /* NULL: quiet */
  void *ud;
} fs_oed_opts;

/* 1 when path names a folder (following links), else 0. */
int fs_oed_is_dir(const char *path);

/* Reads the OED portfolio in folder dir into *pf as fs_portfolio_load
   does for a CSV (the same limits and the same fs_policy fields; name: the
   folder's base name; path: dir). industries and regions are the ids a
   policy may have. o may be NULL (defaults). Errors read "FILE:LINE:
   column N (NAME): what was expected (got "X")", or "FILE:1: missing
   required column "X"". On error *pf is left empty. Returns 0, FS_EIO,
   FS_EINVAL, FS_ELIMIT or FS_ENOMEM. */
int fs_oed_load(fs_portfolio *pf, const char *dir, const fs_oed_opts *o,
                const char *const *industries, int nind, const char *const *regions, int nreg,
                fs_err *err);

/* The FNV-1a 64 hash of what a portfolio path holds: a file's bytes, or
   for an OED folder its account file's bytes then its location file's. */
int fs_oed_hash(const char *path, uint64_t *out, fs_err *err);

/* A note callback that prints "fleetsim: note: MSG" on standard error,
   each message once per process (thread-safe). */
void fs_oed_note_stderr(void *ud, const char *msg);

#endif
