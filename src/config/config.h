/* config.h: the validated scenario as C data (what the Lua loader produces):
   the types every module below the loader reads. Data only, no behaviour. */
#ifndef FS_CONFIG_H
#define FS_CONFIG_H

#include <stdint.h>

/* Fixed upper bounds keep the configuration one flat, copyable struct that a
   replication on any thread can read without locks. */
#define FS_MAX_REGIONS    32
#define FS_MAX_INDUSTRIES 32
#define FS_MAX_TOOLS      8
#define FS_MAX_PARAMS     64
#define FS_MAX_HOOKS      32
#define FS_ID_MAX         48
#define FS_NAME_MAX       96
#define FS_TEXT_MAX       512
#define FS_MAX_VENDORS    16

typedef enum fs_class_id {
  FS_CLASS_WORKSTATION = 0,
  FS_CLASS_SERVER = 1,
  FS_CLASS_ONPREM_VM = 2,
  FS_CLASS_CLOUD_VM = 3,
  FS_CLASS_KIOSK = 4,
  FS_NCLASS = 5
} fs_class_id;

typedef enum fs_platform_id {
  FS_PLAT_WINDOWS = 0,
  FS_PLAT_MACOS = 1,
  FS_PLAT_LINUX = 2,
  FS_NPLAT = 3
} fs_platform_id;

/* Ids by enum value, NULL-terminated (usable as choice lists). */
extern const char *const fs_class_ids[FS_NCLASS + 1];
extern const char *const fs_platform_ids[FS_NPLAT + 1];
/* Organisation size classes by endpoints (FS_SIZE_CLASSES, below). */
extern const char *const fs_size_class_ids[];

/* A triangular distribution (minutes). */
typedef struct fs_tri {
  double min, mode, max;
} fs_tri;

typedef struct fs_param {
  char name[FS_ID_MAX];
  double value; /* as used (default, or --set) */
  double dflt, min, max;
  int integer;
  char unit[FS_ID_MAX];
  char description[FS_TEXT_MAX];
  char source[FS_TEXT_MAX];
  /* fact = true: the value is a documented fact of the event the scenario
     describes (its source says where it is recorded), not a model choice;
     an event of the history library (`fleetsim validate`) may declare no
     other kind. */
  int fact;
} fs_param;

typedef struct fs_region {
  char id[FS_ID_MAX];
  char name[FS_NAME_MAX];
  double utc_offset_hours;
  uint8_t weekend_mask; /* bit d set: weekday d (0 = Monday) is a weekend day */
  double share;
  /* Probability that an endpoint of each class is on and connected, by
     local hour, on working days [0] and weekend days [1]. */
  double online[2][FS_NCLASS][24];
} fs_region;

typedef struct fs_class {
  char name[FS_NAME_MAX];
  int critical;
  fs_tri fix_minutes;
  int needs_physical_access;
  double remote_console_share;
  double travel_minutes; /* walking/driving to a device that needs hands */
  int bitlocker_applicable;
  int cloud_path;
  double reboot_fix_probability;
  double reboot_interval_minutes;
  double reboot_cycles_max;             /* cycles tried before waiting for hands */
  double tool_fix_factor[FS_MAX_TOOLS]; /* indexed like fs_config.tools */
  double tail_share;                    /* devices only reachable after a long delay */
  double tail_delay_hours;              /* mean of that delay (exponential) */
  double platform_share[FS_NPLAT];
} fs_class;

/* Business impact and cost rates of an industry (models/costs.lua). */
/* The longest scenario, in hours (a leap year). */
#define FS_MAX_DURATION_HOURS (24.0 * 366)

/* The operations layer of an industry (models/costs.lua `operations`):
   what an organisation does, between its IT capacity and its revenue.
   Operations run at min(fallback + (1 - fallback) x capacity, 1 - backlog);
   the backlog (schedule disruption, displaced crews and aircraft, deferred
   procedures: a share of normal operations) builds at build_per_hour x
   (1 - capacity) and drains at drain_per_hour x capacity, so operations
   stay below normal after IT is back until it is gone. */
typedef struct fs_ops {
  int on;                    /* declared for the industry */
  double fallback;           /* share of operations kept with IT fully down (paper, cash) */
  double paused_below;       /* below this level operations count as paused (business downtime) */
  double build_per_hour;     /* backlog built per hour with no IT capacity */
  double drain_per_hour;     /* backlog drained per hour at full IT capacity */
  double makeup_share;       /* share of the lost gross profit made up later (deferred work) */
  double makeup_cost;        /* cost of making it up, as a share of the made-up gross profit */
  unsigned systems;          /* bits 1 << g of the endpoint groups (0 critical, 1 workstations,
                                2 kiosks) whose availability the operations need; 0: the
                                organisation's operating capacity */
  double unit_revenue;       /* revenue of one unit of operations (a flight), USD; 0: no unit */
  double unit_cost;          /* extra expense per unit lost (passengers' compensation), USD */
  char unit[FS_ID_MAX];      /* its name, plural ("flights") */
  char paused_as[FS_ID_MAX]; /* what the industry calls operations paused ("diversion"), or "" */
} fs_ops;

typedef struct fs_cost {
  double revenue_per_endpoint; /* annual revenue per endpoint, USD */
  double gross_margin;         /* lost gross profit per unit of lost revenue */
  double profile[2][24];       /* revenue weight by local hour, [0] working day, [1] weekend */
  double impact_critical, impact_workstation, impact_kiosk; /* capacity lost when all down */
  double tail_hours, tail_capacity_loss;                    /* operational tail after IT recovery */
  double ee_per_tech_hour;                      /* extra expense per remediation hour, USD */
  double incident_fixed, incident_per_endpoint; /* incident response cost, USD */
  fs_ops ops;                                   /* the operations layer; ops.on 0: none */
} fs_cost;

typedef struct fs_industry {
  char id[FS_ID_MAX];
  char name[FS_NAME_MAX];
  double endpoint_share;
  double size_median, size_sigma; /* lognormal endpoints per organisation */
  double size_max;
  double mix[FS_NCLASS];
  double it_staff_per_1000;
  double surge_factor;
  int staffed_24x7;
  double night_staff_share;
  double encryption_share;
  double server_encryption_share;
  double detection_delay_minutes; /* mean, exponential */
  double diagnosis_delay_minutes; /* mean, exponential */
  double region_weight[FS_MAX_REGIONS];
  fs_cost cost; /* valid when fs_config.has_costs */
} fs_industry;

/* Organisation size classes, by decades of endpoints: 1-9, 10-99, 100-999,
   1,000-9,999, 10,000+ (the strata of fleet sampling and of market shares). */
#define FS_SIZE_CLASSES 5

/* The cyber insurance market (costs.cyber_market, models/cyber_market.lua):
   per organisation size class, the share of organisations that buy cyber
   cover and the typical terms, for the market's insured loss (an
   organisation of the fleet stands for as many insured ones as its weight
   and take-up say; docs/LOSSES.md). */
typedef struct fs_cyber_market {
  int on;
  double take_up[FS_SIZE_CLASSES];       /* share of organisations with a cyber policy */
  double waiting_hours[FS_SIZE_CLASSES]; /* BI waiting period */
  double retention[FS_SIZE_CLASSES];     /* deductible, USD */
  double limit[FS_SIZE_CLASSES];         /* USD */
  double sf_share[FS_SIZE_CLASSES];      /* policies with non-malicious system-failure cover */
  double sf_sublimit[FS_SIZE_CLASSES];   /* its sublimit, share of the limit */
  double dbi_share[FS_SIZE_CLASSES];     /* policies with dependent BI cover */
  double dbi_sublimit[FS_SIZE_CLASSES];  /* its sublimit, share of the limit */
} fs_cyber_market;

/* An endpoint-security vendor and its market share per industry, used to
   give portfolio policies without an AgentVendor one; size_factor scales
   the share by organisation size class (the vendor's share of a segment's
   organisations is min(1, share x size_factor), fleet.non_customers). */
typedef struct fs_vendor {
  char id[FS_ID_MAX];
  double share[FS_MAX_INDUSTRIES];
  int has_size_factor;
  double size_factor[FS_SIZE_CLASSES];
} fs_vendor;

typedef struct fs_tool {
  char name[FS_ID_MAX];
  double release_hours;             /* hours after the scenario start */
  double auto_fix_share[FS_NCLASS]; /* still-down endpoints it fixes unattended */
  double auto_fix_hours;            /* mean delay of those unattended fixes */
} fs_tool;

/* The faulty update: who gets it, when, and what it does. */
typedef enum fs_incident_kind {
  FS_INC_FAULTY_UPDATE = 0,   /* an agent update crashes the hosts that take it */
  FS_INC_PROVIDER_OUTAGE = 1, /* a provider of the dependency graph is down */
  FS_INC_SUPPLY_CHAIN = 2,    /* a provider pushes a destructive payload to its customers */
  FS_INC_WORM = 3             /* a destructive worm enters organisations and spreads in and
                                 between them */
} fs_incident_kind;

/* Where a worm enters (fs_incident.entry). */
enum { FS_WORM_ENTRY_PROVIDER = 0, FS_WORM_ENTRY_PORTFOLIO = 1 };

typedef struct fs_incident {
  int kind;                      /* fs_incident_kind */
  char provider[FS_ID_MAX];      /* PROVIDER_OUTAGE, SUPPLY_CHAIN: graph node id */
  double start_hours, end_hours; /* PROVIDER_OUTAGE: down between */
  double reimage_factor;         /* SUPPLY_CHAIN, WORM: fix-time multiplier (rebuild, restore) */
  /* WORM: it enters the organisations that depend on provider (a walk down
     the graph, as a supply chain) or the portfolio's policy organisations
     (the documented victims); from each organisation it enters, it crosses
     to each provider with a fleet of its own that the organisation depends
     on, and from such a provider to each of its dependents, with this
     probability (shared networks: managed services, provider links). */
  int entry;
  double cross_probability;
  char vendor[FS_ID_MAX];
  int platform; /* fs_platform_id */
  double affected_version_share;
  double publish_hours, pull_hours;
  double poll_minutes; /* mean interval between update checks (exponential) */
  double crash_probability;
  double guidance_hours; /* when the vendor's manual workaround is public */
} fs_incident;

/* How IT teams respond. */
typedef struct fs_response {
  double surge_ramp_hours;        /* from diagnosis to full surge staffing */
  double crisis_night_share;      /* surge staff working 23:00-07:00 local */
  double key_minutes;             /* recovery-key lookup, escrow up */
  double key_minutes_escrow_down; /* recovery-key lookup, escrow servers down */
  double oncall_response_minutes; /* paging an on-call engineer at night */
  double min_team;                /* smallest team (MSP or one admin) */
  double staffing_factor;         /* multiplier on every team's capacity */
  double cloud_team_share;        /* cloud engineers as a share of hands-on capacity */
} fs_response;

/* Interventions (docs/WHATIF.md): what a vendor or its customers could
   have done differently. All off by default (shares 0, no rings). */
#define FS_MAX_RINGS 8
/* How a ring's endpoints are chosen: at random among the customers'
   endpoints, as whole customer organisations (early adopters), or the
   vendor's own hosts (not customers': they count only for the halt rule). */
enum { FS_RING_RANDOM = 0, FS_RING_CUSTOMERS = 1, FS_RING_INTERNAL = 2 };

typedef struct fs_ring {
  int assign;        /* FS_RING_* */
  double share;      /* of the customers' endpoints (random, customers) */
  double hosts;      /* internal: the vendor's own hosts (full-scale count) */
  double bake_hours; /* from this ring's release to the next one's */
} fs_ring;

/* A staged rollout of the faulty update: ring k is released bake hours
   after ring k-1; the vendor halts when, of the hosts that took the file,
   a share detect_share (and at least detect_min_hosts) have gone silent,
   a host going silent heartbeat_minutes after it crashed; it decides in
   decision_minutes and the rollback takes rollback_minutes more. The
   incident's pull stays an upper bound. */
typedef struct fs_rollout {
  int nrings; /* 0: no staged rollout */
  fs_ring rings[FS_MAX_RINGS];
  double heartbeat_minutes, detect_share, detect_min_hosts, decision_minutes, rollback_minutes;
} fs_rollout;

typedef struct fs_interventions {
  fs_rollout rollout;
  /* Customer content pinning (N-1): a share of the customer organisations
     of each industry take content updates pin_hours late. */
  double pin_share[FS_MAX_INDUSTRIES], pin_hours;
  /* Vendor diversity: a share of the customer organisations of each
     industry run a second endpoint vendor on second_split of their
     endpoints (those never take the faulty update). */
  double second_share[FS_MAX_INDUSTRIES], second_split;
  /* Recovery levers: organisations whose recovery keys are escrowed in a
     cloud directory (the lookup does not slow when their servers are
     down); organisations with boot media pre-staged (hands-on fix minutes
     times boot_media_factor); IT staffed on weekends as on weekdays. Remote
     recovery is a tool (fs_config.tools) named "remote_recovery". */
  double cloud_escrow_share;
  double boot_media_share, boot_media_factor;
  int weekend_staffing;
  /* Surge from contractors or managed service providers: a share of the
     organisations hold a contract; the contractors of a region are a pool
     of contractor_pool times the contracted organisations' own IT teams,
     shared first come first served, from contractor_after_hours after an
     organisation's diagnosis (so it runs out when every client calls). */
  double contractor_share, contractor_pool, contractor_after_hours;
} fs_interventions;

typedef struct fs_config {
  char name[FS_NAME_MAX];
  char description[FS_TEXT_MAX];
  double start_unix;     /* scenario start, seconds since the epoch (UTC) */
  double duration_hours; /* simulated span */
  uint64_t seed;
  double fleet_endpoints; /* all endpoints with the agent, all platforms */
  int non_customers;      /* fleet.non_customers: the segments' other organisations too */
  /* fleet.customers_of: the vendor whose customers the fleet's endpoints
     are (its market shares give the non-customers, and in the dependency
     graph its customers are exactly the organisations whose endpoints run
     its agent); default a faulty update's vendor, else "" (none: a
     provider outage's provider is no endpoint vendor, so such a scenario
     names the vendor whose fleet it borrows). */
  char customers_of[FS_ID_MAX];
  double tick_minutes; /* time-series resolution */

  int nregions, nindustries, ntools, nparams, nvendors;
  int has_costs;         /* a costs table was given: losses are computed */
  double annual_rate;    /* occurrences per year (param annual_rate), for PLT/EP */
  fs_cyber_market cyber; /* the cyber insurance market; cyber.on 0: none */
  fs_region regions[FS_MAX_REGIONS];
  fs_industry industries[FS_MAX_INDUSTRIES];
  fs_class classes[FS_NCLASS];
  fs_tool tools[FS_MAX_TOOLS];
  fs_param params[FS_MAX_PARAMS];
  fs_vendor vendors[FS_MAX_VENDORS];
  fs_incident incident;
  fs_response response;
  fs_interventions iv;
} fs_config;

#endif
