/**
 * The commented starter file `client-sync init` writes. It works as it is (sandbox connections),
 * and shows every key for real accounts in comments, so a user edits rather than looks up.
 */
export const STARTER_CONFIG = `# client-sync configuration. Reference: README.md, "Configuration".
# Relative paths are relative to this file. Secrets never go in this file: credentials are
# \${VARIABLE} references to environment variables, resolved when client-sync starts.

# SQLite state store: links between records, last-synced snapshots, the write journal, run history.
state: .client-sync/state.db
# Every run writes a JSON report and a readable summary here (report_format: markdown or html).
reports: .client-sync/reports
report_format: markdown

connections:
  # Simulated accounts, for rehearsing: each one an in-process simulator whose data is kept in
  # .client-sync/sandbox/<name>.json. Options: sandbox: { clients: 25, seed: 1, time_scale: 1, dirty_share: 0 }.
  demo-fs:
    vendor: factuursturen
    sandbox: true
  demo-bm:
    vendor: billomat
    sandbox: true

  # Real accounts. Uncomment, then export the variables before running client-sync.
  # ef:
  #   vendor: eenvoudigfactureren
  #   api_key: \${EF_API_KEY}               # or email: \${EF_EMAIL} and password: \${EF_PASSWORD}
  #   # account_id: \${EF_ACCOUNT_ID}       # when the user has several accounts
  #   # base_url: https://eenvoudigfactureren.be/api/v1
  #   # rate_limit: { requests: 300, per: 1m }
  #   # page_size: 100
  # fs:
  #   vendor: factuursturen
  #   username: \${FS_USERNAME}
  #   api_key: \${FS_API_KEY}
  # bm:
  #   vendor: billomat
  #   base_url: https://YOUR-ID.billomat.net/api
  #   api_key: \${BILLOMAT_API_KEY}
  #   # app_id: \${BILLOMAT_APP_ID}         # a registered app gets a larger rate budget
  #   # app_secret: \${BILLOMAT_APP_SECRET}

  # A spreadsheet: a CSV file of clients, one row each (README, "From a spreadsheet"). It can be a
  # source (migrate from it), a target (a full export) or one side of a sync (rows keep their id).
  # clients-csv:
  #   vendor: spreadsheet
  #   path: ./clients.csv                # need not exist yet when it is a target
  #   # encoding: auto                   # auto | utf-8 | utf-8-bom | windows-1252
  #   # delimiter: auto                  # auto | "," | ";" | tab
  #   # columns: generic                 # a built-in column mapping, or ./my-columns.yaml

pairs:
  rehearsal:
    from: demo-fs
    to: demo-bm
    mode: one-way              # one-way | two-way
    # schedule: "0 2 * * *"    # for \`client-sync sync --schedule\`: every night at 02:00
    # conflict: manual         # two-way only: prefer-from | prefer-to | newest | manual
    # contacts: false          # Billomat reads contacts with one call per client
    # custom_values: true
    # archive: { propagate: true, hard_delete: false, max_share: 0.1 }
    # match_existing: auto     # auto | review | off: link records that already exist in the target
    # markers: deferred        # deferred | immediate: when to write the external id into the target
    # exclude: [documentDefaults.emailIntro]   # canonical fields to leave alone (client-sync mappings)
    # include_archived: true
    # recreate_deleted: false
    # columns: ./my-columns.yaml  # the column mapping of a spreadsheet side, for this pair only
`;
