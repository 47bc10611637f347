// Command dsrdesk is a privacy officer's desk for GDPR data-subject requests:
// it pulls request e-mail from an IMAP mailbox, turns each request into a
// case with its legal deadline, and shows the cases in a terminal UI.
//
// This file parses flags and the config file and wires the packages
// together; the work is done in inbox (mail), register (the database and
// the law) and ui (the terminal).
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/demo"
	"dsrdesk/inbox/mailgen"
	"dsrdesk/register"
	"dsrdesk/ui"

	"github.com/pelletier/go-toml/v2"
)

const usage = `dsrdesk — a privacy officer's desk for GDPR data-subject requests

Usage:
  dsrdesk [flags]                  the case list (TUI) on the configured mailbox and database
  dsrdesk demo [--db FILE]         the TUI on a built-in sample mailbox and a throwaway database,
                                   or FILE, kept (two officers on one database: run
                                   dsrdesk demo --db /tmp/dsr/shared.db in two terminals)
  dsrdesk sync [--cpuprofile FILE]
                                   sync the mailbox and its Sent folder once and print what
                                   was done (for cron); --cpuprofile writes a pprof CPU profile
  dsrdesk cases [--json] [--all]   list open cases (or all) as a table or JSON
  dsrdesk messages [--json]        list every stored message and what was decided about it
  dsrdesk attachments MESSAGE      list a stored message's attachments, numbered
  dsrdesk remove-attachment MESSAGE N [--yes]
                                   remove attachment N (an ID document, once checked) from the
                                   stored message for good; asks first unless --yes
  dsrdesk register import FILE.csv [--skip-invalid]
                                   import the customer register from a CSV file (comma or
                                   semicolon separated, header of canonical field names);
                                   a bad row refuses the whole file unless --skip-invalid;
                                   then links the open cases the register now identifies
  dsrdesk register search QUERY [--json] [--limit N]
                                   find entries by name (case and accents ignored), company,
                                   e-mail, phone in any form, customer number or business ID
  dsrdesk register marketing [--research]
                                   CSV of the entries that may get direct marketing (or market
                                   research): not banned, not restricted, not erased
  dsrdesk register show NUMBER [--json]
                                   one entry's card: its fields, change log and cases
  dsrdesk audit verify             check the audit trail's hash chain; prints the entry count
                                   and the head hash to note elsewhere, or the first entry
                                   that does not fit (exit 1)
  dsrdesk check                    check the database file for damage (SQLite quick_check)
  dsrdesk backup FILE              write a consistent copy of the database to the new file FILE
                                   (0600) while others go on working; README says how to restore
  dsrdesk link CASE NUMBER         link case CASE (its tag or id) to customer NUMBER
  dsrdesk unlink CASE NUMBER       remove that link
  dsrdesk export CASE [--out DIR]  write the access report of case CASE (its tag or id) for its
                                   linked entries: report.md, report.html, data.json, data.csv
                                   in a new private folder under DIR (default: [register]
                                   export_dir, else $XDG_DATA_HOME/dsrdesk/exports)
  dsrdesk object CASE [--yes]      the objection: both marketing bans set, newsletter ended
  dsrdesk rectify CASE NUMBER FIELD VALUE [--yes]
                                   correct one field of a linked entry
  dsrdesk restrict CASE [--lift] [--yes]
                                   restrict the linked entries (or lift the restriction)
  dsrdesk erase CASE [--yes]       erase what the law does not require keeping, say what stays
                                   (each action prints its plan and asks before it does it)
  dsrdesk extend CASE REASON       extend the deadline by two months, while the first runs
  dsrdesk close CASE OUTCOME [--reason TEXT]
                                   close: fulfilled, partly_refused, refused, withdrawn,
                                   not_request or unfounded (refusals need --reason)
  dsrdesk reopen CASE [--reason TEXT]
  dsrdesk report [--from DATE] [--to DATE] [--csv|--json]
                                   per month: requests by right, answered in time or late,
                                   median days to answer; open and overdue now
  dsrdesk purge [--dry-run]        remove the personal data of cases closed longer ago than
                                   [retention] closed_cases (default 5y); keep the figures
  dsrdesk draft CASE [KIND] [--send] [--yes]
                                   compose a letter to the requester in their language (KIND:
                                   acknowledgement, identification, extension, access, objection,
                                   rectification, erasure, restriction, partial-refusal, refusal;
                                   default: what the case calls for), save it in Drafts, or send it
  dsrdesk letters DIR              write the built-in letter templates into DIR, to edit
  dsrdesk retry-quarantined        fetch again, at the next sync, the messages that failed
                                   every fetch and were set aside
  dsrdesk recipients CASE          the recipients to tell of the case's changes (Art. 19)
  dsrdesk told CASE N              tick off recipient N as told
  dsrdesk keys                     every key of the TUI, screen by screen, as [keys] in the
                                   config names it (screen.action), with the config's [keys]
                                   applied: checks them too
  dsrdesk help                     this text

Flags (every command):
  --config FILE   config file (default $XDG_CONFIG_HOME/dsrdesk/config.toml)
  --db FILE       database file (default: [database] path, else $XDG_DATA_HOME/dsrdesk/dsrdesk.db)
  --help          help for the command
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run carries out one command line and returns the exit status: 0 done,
// 1 failed, 2 bad usage.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	var g globals
	var f cmdFlags
	fs := flag.NewFlagSet("dsrdesk "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&g.configPath, "config", "", "config `FILE`")
	fs.StringVar(&g.dbPath, "db", "", "database `FILE`")
	fs.BoolVar(&f.json, "json", false, "print JSON")
	fs.BoolVar(&f.all, "all", false, "cases: include closed cases")
	fs.BoolVar(&f.yes, "yes", false, "remove-attachment and the actions: do not ask")
	fs.BoolVar(&f.skipInvalid, "skip-invalid", false, "register import: import the good rows, list the bad")
	fs.IntVar(&f.limit, "limit", register.SearchLimit, "register search: at most `N` entries")
	fs.BoolVar(&f.lift, "lift", false, "restrict: lift the restriction")
	fs.BoolVar(&f.research, "research", false, "register marketing: the market-research list")
	fs.StringVar(&f.reason, "reason", "", "close, reopen: the reason")
	fs.StringVar(&f.from, "from", "", "report: from `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.to, "to", "", "report: to `DATE` (YYYY-MM-DD)")
	fs.BoolVar(&f.csv, "csv", false, "report: print CSV")
	fs.BoolVar(&f.dryRun, "dry-run", false, "purge: list what would go, remove nothing")
	fs.BoolVar(&f.send, "send", false, "draft: send it through [smtp] instead of saving it in Drafts")
	fs.StringVar(&f.out, "out", "", "export: write the report under `DIR`")
	fs.StringVar(&f.maildir, "maildir", "", "gen-mailbox: the Maildir to write into")
	fs.Uint64Var(&f.seed, "seed", 1, "gen-mailbox: the generator's seed")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "sync: write a pprof CPU profile to `FILE`")
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	// Flags may come before, between or after the arguments.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if name == "" && len(pos) > 0 { // flags came before the command
		name, pos = pos[0], pos[1:]
	}
	if (name == "register" || name == "audit") && len(pos) > 0 {
		name, pos = name+" "+pos[0], pos[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "dsrdesk: unknown command %q\n%s", name, usage)
		return 2
	}
	if len(pos) < cmd.args || (len(pos) > cmd.args && !cmd.more) {
		fmt.Fprintf(stderr, "dsrdesk %s: want %d arguments, got %d\n%s", name, cmd.args, len(pos), usage)
		return 2
	}
	bad := ""
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name != "config" && fl.Name != "db" && !slices.Contains(strings.Fields(cmd.flags), fl.Name) {
			bad = fl.Name
		}
	})
	if bad != "" {
		fmt.Fprintf(stderr, "dsrdesk: --%s does not belong to dsrdesk %s\n", bad, name)
		return 2
	}

	err := cmd.run(ctx, g, invocation{args: pos, flags: f, stdin: stdin, stdout: stdout})
	switch {
	case err != nil && ctx.Err() != nil:
		// SIGINT, SIGTERM or SIGHUP: whatever failed, failed because of it.
		fmt.Fprintln(stderr, "dsrdesk: stopped by a signal")
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "dsrdesk: %s\n", ui.CleanLine(err.Error()))
		return 1
	}
	return 0
}

// startCPUProfile profiles the process's CPU use into path (see go tool
// pprof) until the returned stop is called. The profile names functions,
// not data.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("CPU profile %s: %w", path, err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// cmdFlags are the flags some commands take.
type cmdFlags struct {
	json, all, yes, skipInvalid, lift, research, csv, dryRun, send bool
	reason, from, to                                               string
	limit                                                          int
	out                                                            string // export: the folder to write under
	maildir                                                        string // gen-mailbox: the Maildir
	seed                                                           uint64 // gen-mailbox: the seed
	cpuProfile                                                     string // sync: write a CPU profile here
}

// invocation is one command's arguments, flags and streams.
type invocation struct {
	args   []string
	flags  cmdFlags
	stdin  io.Reader
	stdout io.Writer
}

// command is one of dsrdesk's commands: how many arguments it wants (more:
// or more), which of cmdFlags it takes, and what it does.
type command struct {
	args  int
	more  bool
	flags string // space-separated flag names
	run   func(ctx context.Context, g globals, in invocation) error
}

// commands are dsrdesk's commands by name; "register import" and the like
// are named by both words.
var commands = map[string]command{
	"":     {run: func(ctx context.Context, g globals, _ invocation) error { return g.tui(ctx) }},
	"tui":  {run: func(ctx context.Context, g globals, _ invocation) error { return g.tui(ctx) }},
	"demo": {run: func(ctx context.Context, g globals, _ invocation) error { return runDemo(ctx, g.dbPath) }},
	"sync": {flags: "cpuprofile", run: func(ctx context.Context, g globals, in invocation) error {
		if in.flags.cpuProfile != "" {
			stop, err := startCPUProfile(in.flags.cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		return g.sync(ctx, in.stdout)
	}},
	"cases": {flags: "json all", run: func(ctx context.Context, g globals, in invocation) error {
		return g.cases(ctx, in.stdout, in.flags.json, in.flags.all)
	}},
	"messages": {flags: "json", run: func(ctx context.Context, g globals, in invocation) error {
		return g.messages(ctx, in.stdout, in.flags.json)
	}},
	"attachments": {args: 1, run: func(ctx context.Context, g globals, in invocation) error {
		return g.attachments(ctx, in.stdout, in.args[0])
	}},
	"remove-attachment": {args: 2, flags: "yes", run: func(ctx context.Context, g globals, in invocation) error {
		return g.removeAttachment(ctx, in.stdin, in.stdout, in.args[0], in.args[1], in.flags.yes)
	}},
	"register import": {args: 1, flags: "skip-invalid", run: func(ctx context.Context, g globals, in invocation) error {
		return g.importCustomers(ctx, in.stdout, in.args[0], in.flags.skipInvalid)
	}},
	"register search": {args: 1, more: true, flags: "json limit", run: func(ctx context.Context, g globals, in invocation) error {
		if in.flags.limit < 1 || in.flags.limit > 1000 {
			return fmt.Errorf("--limit %d: want 1 to 1000", in.flags.limit)
		}
		return g.searchCustomers(ctx, in.stdout, strings.Join(in.args, " "), in.flags.limit, in.flags.json)
	}},
	"register marketing": {flags: "research", run: func(ctx context.Context, g globals, in invocation) error {
		db, err := g.readDB(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.WriteMarketingList(ctx, in.stdout, in.flags.research)
		return err
	}},
	"register show": {args: 1, flags: "json", run: func(ctx context.Context, g globals, in invocation) error {
		return g.showCustomer(ctx, in.stdout, in.args[0], in.flags.json)
	}},
	"audit verify": {run: func(ctx context.Context, g globals, in invocation) error {
		return g.verifyAudit(ctx, in.stdout)
	}},
	"check": {run: func(ctx context.Context, g globals, in invocation) error {
		return g.checkDB(ctx, in.stdout)
	}},
	"backup": {args: 1, run: func(ctx context.Context, g globals, in invocation) error {
		return g.backup(ctx, in.stdout, in.args[0])
	}},
	"link": {args: 2, run: func(ctx context.Context, g globals, in invocation) error {
		return g.link(ctx, in.stdout, in.args[0], in.args[1], true)
	}},
	"unlink": {args: 2, run: func(ctx context.Context, g globals, in invocation) error {
		return g.link(ctx, in.stdout, in.args[0], in.args[1], false)
	}},
	"object": {args: 1, flags: "yes", run: func(ctx context.Context, g globals, in invocation) error {
		return g.act(ctx, in, func(db *register.DB, id int64, _ config) (register.Plan, error) {
			return db.PlanObjection(ctx, id)
		})
	}},
	"rectify": {args: 4, flags: "yes", run: func(ctx context.Context, g globals, in invocation) error {
		return g.act(ctx, in, func(db *register.DB, id int64, _ config) (register.Plan, error) {
			return db.PlanRectification(ctx, id, in.args[1], in.args[2], in.args[3])
		})
	}},
	"restrict": {args: 1, flags: "yes lift", run: func(ctx context.Context, g globals, in invocation) error {
		return g.act(ctx, in, func(db *register.DB, id int64, _ config) (register.Plan, error) {
			return db.PlanRestriction(ctx, id, in.flags.lift)
		})
	}},
	"erase": {args: 1, flags: "yes", run: func(ctx context.Context, g globals, in invocation) error {
		return g.act(ctx, in, func(db *register.DB, id int64, c config) (register.Plan, error) {
			keep, err := c.retention()
			if err != nil {
				return register.Plan{}, err
			}
			return db.PlanErasure(ctx, id, keep, register.Today(time.Now()))
		})
	}},
	"extend": {args: 2, run: func(ctx context.Context, g globals, in invocation) error {
		return g.onCase(ctx, in, "deadline extended", func(db *register.DB, c register.Case) error {
			return db.Extend(ctx, c.ID, c.Version, in.args[1], time.Now())
		})
	}},
	"close": {args: 2, flags: "reason", run: func(ctx context.Context, g globals, in invocation) error {
		return g.onCase(ctx, in, "closed", func(db *register.DB, c register.Case) error {
			return db.CloseCase(ctx, c.ID, c.Version, in.args[1], in.flags.reason, time.Now())
		})
	}},
	"reopen": {args: 1, flags: "reason", run: func(ctx context.Context, g globals, in invocation) error {
		return g.onCase(ctx, in, "reopened", func(db *register.DB, c register.Case) error {
			return db.ReopenCase(ctx, c.ID, c.Version, in.flags.reason)
		})
	}},
	"report": {flags: "from to csv json", run: func(ctx context.Context, g globals, in invocation) error {
		return g.report(ctx, in)
	}},
	"purge": {flags: "dry-run", run: func(ctx context.Context, g globals, in invocation) error {
		return g.purge(ctx, in.stdout, in.flags.dryRun)
	}},
	"draft": {args: 1, more: true, flags: "send yes", run: func(ctx context.Context, g globals, in invocation) error {
		return g.draft(ctx, in)
	}},
	"retry-quarantined": {run: func(ctx context.Context, g globals, in invocation) error {
		db, err := g.readDB(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		n, err := db.RetryQuarantined(ctx)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(in.stdout, "%d quarantined messages will be fetched again at the next sync\n", n)
		return err
	}},
	"letters": {args: 1, run: func(ctx context.Context, g globals, in invocation) error {
		written, err := register.WriteLetterTemplates(in.args[0])
		for _, f := range written {
			fmt.Fprintf(in.stdout, "  %s\n", f)
		}
		return err
	}},
	"recipients": {args: 1, run: func(ctx context.Context, g globals, in invocation) error {
		return g.recipients(ctx, in.stdout, in.args[0], "")
	}},
	// gen-mailbox is a benchmarking tool, left out of the usage: it writes N
	// generated messages (see inbox/mailgen) into a Maildir.
	"gen-mailbox": {args: 1, flags: "maildir seed", run: func(ctx context.Context, g globals, in invocation) error {
		n, err := strconv.Atoi(in.args[0])
		if err != nil || n < 1 || in.flags.maildir == "" {
			return fmt.Errorf("usage: dsrdesk gen-mailbox --maildir DIR [--seed S] N")
		}
		if err := mailgen.WriteMaildir(in.flags.maildir, n, in.flags.seed); err != nil {
			return err
		}
		fmt.Fprintf(in.stdout, "%d messages written to %s\n", n, in.flags.maildir)
		return nil
	}},
	"told": {args: 2, run: func(ctx context.Context, g globals, in invocation) error {
		return g.recipients(ctx, in.stdout, in.args[0], in.args[1])
	}},
	"export": {args: 1, flags: "out", run: func(ctx context.Context, g globals, in invocation) error {
		return g.export(ctx, in.stdout, in.args[0], in.flags.out)
	}},
	"keys": {run: func(_ context.Context, g globals, in invocation) error {
		c, err := g.loadConfig(false)
		if err != nil {
			return err
		}
		km, err := ui.KeyMapFrom(c.Keys)
		if err != nil {
			return err
		}
		_, err = fmt.Fprint(in.stdout, ui.KeyTable(km))
		return err
	}},
	"help": {run: func(_ context.Context, _ globals, in invocation) error {
		_, err := fmt.Fprint(in.stdout, usage)
		return err
	}},
}

// globals are the flags every command takes.
type globals struct {
	configPath string
	dbPath     string
}

// config is the config file.
type config struct {
	IMAP inbox.Config `toml:"imap"`
	// SMTP, when set, is the submission server answers are sent through;
	// without it they are saved as drafts (see answer.go).
	SMTP     *inbox.SMTPConfig `toml:"smtp"`
	Database struct {
		Path string `toml:"path"`
	} `toml:"database"`
	Company struct {
		// Domains are the company's own mail domains: a request a colleague
		// forwards from one of them is the original sender's.
		Domains []string `toml:"domains"`
	} `toml:"company"`
	Register struct {
		// Recipients are the named recipients the register's data is
		// disclosed to: the access report lists them (Art. 15(1)(c)), and a
		// rectification, erasure or restriction makes a checklist of them
		// to tell (Art. 19).
		Recipients []string `toml:"recipients"`
		// NoticeDir holds the privacy-notice texts of the access report,
		// notice.fi.md, notice.sv.md and notice.en.md; built-in ones
		// follow Sesoma's privacy notice.
		NoticeDir string `toml:"notice_dir"`
		// ExportDir is where access reports are written unless --out.
		ExportDir string `toml:"export_dir"`
	} `toml:"register"`
	Letters struct {
		// Dir holds replacement letter templates, <kind>.<lang>.tmpl;
		// `dsrdesk letters DIR` writes the built-in ones there to start from.
		Dir string `toml:"dir"`
	} `toml:"letters"`
	Retention struct {
		// Vouchers and Books are how long the Accounting Act keeps
		// billing and payment records ("6y") and the books ("10y"), from
		// the end of the customer relationship's last year: erasure keeps
		// them that long.
		Vouchers string `toml:"vouchers"`
		Books    string `toml:"books"`
		// ClosedCases is how long a closed case keeps its personal data
		// ("5y"); purge then leaves an anonymous record.
		ClosedCases string `toml:"closed_cases"`
	} `toml:"retention"`
	// Keys rebinds the TUI's keys: "screen.action" = "key" or ["key", …]
	// (ui.KeyMapFrom; `dsrdesk keys` lists the actions).
	Keys map[string]any `toml:"keys"`
}

// defaultStaffDomains are the company's mail domains when the config names none.
var defaultStaffDomains = []string{"sesoma.fi"}

// loadConfig reads the config file. A missing default file is an error only
// when required (the mailbox is needed); a file named by --config must exist.
func (g globals) loadConfig(required bool) (config, error) {
	var c config
	path := g.configPath
	if path == "" {
		path = filepath.Join(xdgDir("XDG_CONFIG_HOME", ".config"), "dsrdesk", "config.toml")
	}
	f, err := os.Open(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !required && g.configPath == "":
		return c, nil
	case errors.Is(err, os.ErrNotExist):
		return c, fmt.Errorf("config file %s does not exist (README \"Setup\" shows one)", path)
	case err != nil:
		return c, fmt.Errorf("config file: %w", err)
	}
	defer f.Close()
	// The config holds no password (there is no such key), but its
	// password_command runs as the user: others must not be able to change it.
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o022 != 0 {
		return c, fmt.Errorf("config file %s can be changed by other users (permissions %04o), and its password_command runs as you; fix it with: chmod go-w %s",
			path, fi.Mode().Perm(), path)
	}
	dec := toml.NewDecoder(f).DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, configError(path, err)
	}
	if required || c.IMAP != (inbox.Config{}) {
		c.IMAP = c.IMAP.WithDefaults()
		if err := c.IMAP.Validate(); err != nil {
			return c, fmt.Errorf("config file %s: %w", path, err)
		}
	}
	if c.SMTP != nil {
		*c.SMTP = c.SMTP.WithDefaults(c.IMAP)
		if err := c.SMTP.Validate(); err != nil {
			return c, fmt.Errorf("config file %s: %w", path, err)
		}
	}
	if _, err := ui.KeyMapFrom(c.Keys); err != nil {
		return c, fmt.Errorf("config file %s: %w", path, err)
	}
	return c, nil
}

// passwordEnv is the environment variable that holds the password of a
// config section, [imap] or [smtp].
func passwordEnv(section string) string {
	if section == "smtp" {
		return inbox.SMTPPasswordEnv
	}
	return inbox.PasswordEnv
}

// configError turns a TOML decoding error into one line naming the file,
// the line, the key and what is wrong.
func configError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := strict.Errors[0]
		row, _ := e.Position()
		key := e.Key()
		if k := key[len(key)-1]; k == "password" || k == "pass" || k == "secret" {
			return fmt.Errorf("config file %s, line %d: %s: dsrdesk reads no password from the config; use password_file (a file only you can read: chmod 600 FILE), password_command, or the environment variable %s",
				path, row, strings.Join(key, "."), passwordEnv(key[0]))
		}
		return fmt.Errorf("config file %s, line %d: unknown key %q", path, row, strings.Join(key, "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if key != "" {
			return fmt.Errorf("config file %s, line %d: %s: %s", path, row, key, msg)
		}
		return fmt.Errorf("config file %s, line %d: %s", path, row, msg)
	}
	return fmt.Errorf("config file %s: %w", path, err)
}

// openDB opens the database named by --db, the config, or the default place.
func (g globals) openDB(ctx context.Context, c config) (*register.DB, error) {
	path := g.dbPath
	if path == "" {
		path = c.Database.Path
	}
	if path == "" {
		path = filepath.Join(xdgDir("XDG_DATA_HOME", ".local/share"), "dsrdesk", "dsrdesk.db")
	}
	db, err := register.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	db.SetRecipients(c.Register.Recipients)
	return db, nil
}

// retention is the config's Accounting Act periods, or the law's defaults.
func (c config) retention() (register.Retention, error) {
	keep := register.DefaultRetention
	for _, p := range []struct {
		name, value string
		years       *int
	}{{"vouchers", c.Retention.Vouchers, &keep.Vouchers}, {"books", c.Retention.Books, &keep.Books}} {
		if p.value == "" {
			continue
		}
		n, err := register.ParseRetention(p.value)
		if err != nil {
			return keep, fmt.Errorf("config [retention] %s: %w", p.name, err)
		}
		*p.years = n
	}
	return keep, nil
}

// closedCaseYears is how many years a closed case keeps its personal data:
// [retention] closed_cases, 5 by default.
func (c config) closedCaseYears() (int, error) {
	if c.Retention.ClosedCases == "" {
		return 5, nil
	}
	n, err := register.ParseRetention(c.Retention.ClosedCases)
	if err != nil {
		return 0, fmt.Errorf("config [retention] closed_cases: %w", err)
	}
	return n, nil
}

// act carries out one of the rights on a case: it prints the plan, asks
// (unless --yes), and carries it out; the register refuses if the case or
// an entry changed since the plan was printed.
func (g globals) act(ctx context.Context, in invocation, plan func(*register.DB, int64, config) (register.Plan, error)) error {
	c, db, id, err := g.caseDB(ctx, in.args[0])
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := plan(db, id, c)
	if err != nil {
		return err
	}
	if err := ui.WritePlan(in.stdout, p); err != nil {
		return err
	}
	if !in.flags.yes {
		fmt.Fprint(in.stdout, "Carry it out? [y/N] ")
		answer, _ := bufio.NewReader(in.stdin).ReadString('\n')
		if strings.ToLower(strings.TrimSpace(answer)) != "y" {
			return errors.New("nothing done")
		}
	}
	if err := db.Carry(ctx, p); err != nil {
		return err
	}
	_, err = fmt.Fprintf(in.stdout, "%s carried out on %s\n", p.Action, p.CaseTag)
	return err
}

// draft composes a letter to a case's requester — KIND, or the one the
// case calls for — prints it, asks, and saves it in the Drafts folder, or
// with --send sends it through [smtp] and files it in Sent.
func (g globals) draft(ctx context.Context, in invocation) error {
	if len(in.args) > 2 {
		return fmt.Errorf("draft CASE [KIND]: too many arguments")
	}
	src, db, c, release, err := g.openMailbox(ctx)
	if err != nil {
		return err
	}
	defer release()
	id, err := db.CaseIDByRef(ctx, in.args[0])
	if err != nil {
		return err
	}
	var kind register.LetterKind
	if len(in.args) == 2 {
		kind, err = register.ParseLetterKind(in.args[1])
	} else {
		kind, err = db.SuggestLetter(ctx, id)
	}
	if err != nil {
		return err
	}
	l, err := db.Compose(ctx, id, kind, register.LetterOptions{TemplateDir: c.Letters.Dir, ExportDir: exportDir(c, "")})
	if err != nil {
		return err
	}
	out := outgoing(l)
	deliver, how := src.saveDraft, "saved in Drafts"
	if in.flags.send {
		if deliver, how = src.sender(), "sent"; deliver == nil {
			return errors.New("draft --send: no [smtp] section in the config: save it as a draft instead")
		}
	}
	fmt.Fprintf(in.stdout, "To: %s <%s>\nSubject: %s\n", ui.CleanLine(l.To.Name), ui.CleanLine(l.To.Email), ui.CleanLine(l.Subject))
	for _, a := range l.Attachments {
		fmt.Fprintf(in.stdout, "Attachment: %s\n", ui.CleanLine(filepath.Base(a)))
	}
	fmt.Fprintf(in.stdout, "\n%s\n", ui.Clean(l.Body))
	if !in.flags.yes {
		fmt.Fprintf(in.stdout, "%s? [y/N] ", map[bool]string{true: "Send it", false: "Save it in Drafts"}[in.flags.send])
		answer, _ := bufio.NewReader(in.stdin).ReadString('\n')
		if strings.ToLower(strings.TrimSpace(answer)) != "y" {
			return errors.New("nothing saved or sent")
		}
	}
	msgID, err := deliver(ctx, out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(in.stdout, "%s %s (Message-ID <%s>)\n", kind.Label(), how, msgID)
	return err
}

// outgoing turns a composed letter into the message inbox builds.
func outgoing(l register.Letter) inbox.Outgoing {
	out := inbox.Outgoing{
		To:          []inbox.Address{{Name: l.To.Name, Email: l.To.Email}},
		Subject:     l.Subject,
		Body:        l.Body,
		References:  l.References,
		Lang:        l.Lang,
		Letter:      string(l.Kind),
		Attachments: l.Attachments,
	}
	if l.InReplyTo != "" {
		out.InReplyTo = []string{l.InReplyTo}
	}
	return out
}

// onCase does one decision on a case (its tag or id) and says so.
func (g globals) onCase(ctx context.Context, in invocation, done string, decide func(*register.DB, register.Case) error) error {
	_, db, id, err := g.caseDB(ctx, in.args[0])
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.CaseByID(ctx, id)
	if err != nil {
		return err
	}
	if err := decide(db, c.Case); err != nil {
		return err
	}
	_, err = fmt.Fprintf(in.stdout, "%s %s\n", c.Tag, done)
	return err
}

// report prints the accountability report: per month of receipt, the
// requests by right, how many were answered in time, and the queue now.
func (g globals) report(ctx context.Context, in invocation) error {
	var from, to register.Date
	for _, d := range []struct {
		flag, value string
		date        *register.Date
	}{{"--from", in.flags.from, &from}, {"--to", in.flags.to, &to}} {
		if d.value == "" {
			continue
		}
		var err error
		if *d.date, err = register.ParseDate(d.value); err != nil {
			return fmt.Errorf("%s %q: want YYYY-MM-DD", d.flag, d.value)
		}
	}
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fig, err := db.Report(ctx, from, to, register.Today(time.Now()))
	if err != nil {
		return err
	}
	switch {
	case in.flags.json:
		return ui.WriteJSON(in.stdout, fig)
	case in.flags.csv:
		return ui.WriteReportCSV(in.stdout, fig)
	}
	return ui.WriteReport(in.stdout, fig)
}

// purge removes the personal data of cases closed longer ago than
// [retention] closed_cases, or with dryRun lists them.
func (g globals) purge(ctx context.Context, stdout io.Writer, dryRun bool) error {
	c, err := g.loadConfig(false)
	if err != nil {
		return err
	}
	years, err := c.closedCaseYears()
	if err != nil {
		return err
	}
	db, err := g.openDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	cutoff := time.Now().AddDate(-years, 0, 0)
	today := register.Today(time.Now())
	list, err := db.Purgeable(ctx, cutoff)
	expired, err2 := db.ExpiredRetentions(ctx, today)
	if err = errors.Join(err, err2); err == nil && !dryRun {
		list, err = db.Purge(ctx, cutoff)
		if err == nil {
			expired, err = db.EraseExpired(ctx, today)
		}
	}
	if err != nil {
		return err
	}
	verb := "purged"
	if dryRun {
		verb = "would purge"
	}
	fmt.Fprintf(stdout, "%s %d cases closed before %s (%d years)\n", verb, len(list), cutoff.Format(time.DateOnly), years)
	for _, p := range list {
		fmt.Fprintf(stdout, "  %s  closed %s  %d messages\n", p.Tag, p.ClosedAt.Format(time.DateOnly), p.Messages)
	}
	verb = map[bool]string{true: "would erase", false: "erased"}[dryRun]
	fmt.Fprintf(stdout, "%s %d fields an erasure kept until their period ended\n", verb, len(expired))
	for _, e := range expired {
		fmt.Fprintf(stdout, "  %s  %s  kept until %s\n", ui.CleanLine(e.Number), e.Field, e.Until)
	}
	return nil
}

// recipients prints a case's checklist of recipients to tell (Art. 19),
// numbered, or with n ticks off item n.
func (g globals) recipients(ctx context.Context, stdout io.Writer, caseRef, n string) error {
	_, db, id, err := g.caseDB(ctx, caseRef)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Notifications(ctx, id)
	if err != nil {
		return err
	}
	if n != "" {
		i, err := strconv.Atoi(n)
		if err != nil || i < 1 || i > len(list) {
			return fmt.Errorf("told %s %s: want the number of one of its %d recipients to tell (dsrdesk recipients %s)", caseRef, n, len(list), caseRef)
		}
		c, err := db.CaseByID(ctx, id)
		if err != nil {
			return err
		}
		r := list[i-1]
		if err := db.MarkNotified(ctx, id, c.Version, r.Recipient, r.Action); err != nil {
			return err
		}
		if list, err = db.Notifications(ctx, id); err != nil {
			return err
		}
	}
	return ui.WriteNotifications(stdout, list)
}

// xdgDir returns the XDG base folder named by env, or ~/fallback.
func xdgDir(env, fallback string) string {
	if d := os.Getenv(env); d != "" && filepath.IsAbs(d) {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, fallback)
}

// openLog points slog at dsrdesk.log in dir (created 0700, the file 0600),
// never at the terminal.
func openLog(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create log folder: %w", err)
	}
	path := filepath.Join(dir, "dsrdesk.log")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	for _, p := range []string{dir, path} {
		if err := register.CheckPrivate(p); err != nil {
			f.Close()
			return nil, err
		}
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(f, nil)))
	return f, nil
}

// stateDir is where logs and crash reports go.
func stateDir() string { return filepath.Join(xdgDir("XDG_STATE_HOME", ".local/state"), "dsrdesk") }

// mailSource wires the config's mailbox to a database: what the TUI and the
// sync command need.
type mailSource struct {
	cfg      inbox.Config
	password string
	store    store
	staff    []string   // the company's mail domains
	answers             // how answers leave: drafts, or SMTP (answer.go)
	lease    leaseState // the sync lease (synclease.go)
}

// newMailSource reads the password once; it is kept in memory only.
func newMailSource(ctx context.Context, c config, db *register.DB) (*mailSource, error) {
	pw, err := c.IMAP.Password(ctx)
	if err != nil {
		return nil, err
	}
	staff := c.Company.Domains
	if len(staff) == 0 {
		staff = defaultStaffDomains
	}
	return &mailSource{cfg: c.IMAP, password: pw, store: store{db}, staff: staff, answers: newAnswers(c)}, nil
}

// syncOnce syncs the mailbox and the Sent folder (see syncMailboxes) and
// returns what it did as one result, for the background sync.
func (m *mailSource) syncOnce(ctx context.Context) (inbox.Result, error) {
	res, sent, err := m.syncMailboxes(ctx)
	res.Fetched += sent.Fetched
	res.Messages += sent.Messages
	res.Relocated += sent.Relocated
	res.Answered += sent.Answered
	return res, err
}

// watch is the TUI's background sync: it reports to the screen. IDLE on the
// mailbox syncs as soon as mail arrives; interval paces the other syncs
// (all of them where the server lacks IDLE).
func (m *mailSource) watch(interval time.Duration) func(context.Context, func(ui.SyncEvent)) {
	return func(ctx context.Context, report func(ui.SyncEvent)) {
		defer m.keepLease(ctx)()
		w := inbox.Watcher{Sync: m.syncOnce, Interval: interval, Idle: m.idle, Lease: m.leaseForWatcher}
		w.Run(ctx, func(ev inbox.Event) {
			e := ui.SyncEvent{Syncing: ev.Syncing, At: ev.At, Stored: ev.Result.Messages, Cases: ev.Result.Cases,
				Retry: ev.Retry, Offline: ev.Offline, Following: ev.Following}
			if ev.Err != nil {
				e.Err = ev.Err.Error()
			}
			report(e)
		})
	}
}

// idle waits in IMAP IDLE on the mailbox for the Watcher, and logs why it
// ended (never anything of the mail).
func (m *mailSource) idle(ctx context.Context, changed func()) error {
	slog.Info("waiting for new mail with IDLE", "mailbox", m.cfg.Mailbox)
	err := inbox.Idle(ctx, m.cfg, m.password, changed)
	switch {
	case errors.Is(err, inbox.ErrNoIdle):
		slog.Info("no IDLE: polling", "mailbox", m.cfg.Mailbox, "interval", m.cfg.PollEvery())
	case err != nil:
		slog.Warn("IDLE ended", "mailbox", m.cfg.Mailbox, "err", err)
	}
	return err
}

// openMailbox reads the config and opens the log, the database and the
// mailbox: what the TUI and sync need. release closes them.
func (g globals) openMailbox(ctx context.Context) (src *mailSource, db *register.DB, c config, release func(), err error) {
	if c, err = g.loadConfig(true); err != nil {
		return nil, nil, c, nil, err
	}
	logf, err := openLog(stateDir())
	if err != nil {
		return nil, nil, c, nil, err
	}
	if db, err = g.openDB(ctx, c); err != nil {
		logf.Close()
		return nil, nil, c, nil, err
	}
	release = func() { db.Close(); logf.Close() }
	if src, err = newMailSource(ctx, c, db); err != nil {
		release()
		return nil, nil, c, nil, err
	}
	return src, db, c, release, nil
}

// tui runs the case list on the configured mailbox.
func (g globals) tui(ctx context.Context) error {
	src, db, c, release, err := g.openMailbox(ctx)
	if err != nil {
		return err
	}
	defer release()
	keep, err := c.retention()
	if err != nil {
		return err
	}
	years, err := c.closedCaseYears()
	if err != nil {
		return err
	}
	return ui.Run(ctx, ui.Options{
		DB:       db,
		Source:   fmt.Sprintf("%s at %s", src.cfg.Mailbox, src.cfg.Host),
		Watch:    src.watch(src.cfg.PollEvery()),
		CrashLog: filepath.Join(stateDir(), "crash.log"),

		RemoveAttachment: remover(db),
		ExportDir:        exportDir(c, ""),
		NoticeDir:        c.Register.NoticeDir,
		Retention:        keep,
		ClosedCaseYears:  years,
		SaveDraft:        func(ctx context.Context, l register.Letter) (string, error) { return src.saveDraft(ctx, outgoing(l)) },
		Send:             letterSender(src),
		LetterDir:        c.Letters.Dir,
		Keys:             c.Keys,
	})
}

// letterSender is the TUI's way to send a letter through src, or nil when
// no [smtp] section is configured.
func letterSender(src *mailSource) func(context.Context, register.Letter) (string, error) {
	send := src.sender()
	if send == nil {
		return nil
	}
	return func(ctx context.Context, l register.Letter) (string, error) { return send(ctx, outgoing(l)) }
}

// sync runs one sync and prints what it did.
func (g globals) sync(ctx context.Context, stdout io.Writer) error {
	src, _, _, release, err := g.openMailbox(ctx)
	if err != nil {
		return err
	}
	defer release()
	other, held, err := src.takeLease(ctx)
	if err != nil {
		return err
	}
	if !held {
		fmt.Fprintf(stdout, "%s at %s: another dsrdesk is syncing it (%s, until %s); nothing done\n",
			ui.CleanLine(other.Mailbox), ui.CleanLine(src.cfg.Host), ui.CleanLine(other.Holder), other.Expires.In(register.Helsinki).Format("15:04:05"))
		return nil
	}
	defer src.keepLease(ctx)()
	res, sent, err := src.syncMailboxes(ctx)
	if sentErr := (*inbox.SentFolderError)(nil); err != nil && !errors.As(err, &sentErr) {
		return err // the mailbox itself failed
	}
	fmt.Fprintf(stdout, "%s at %s: %d fetched, %d new messages stored, %d new cases", res.Mailbox, src.cfg.Host, res.Fetched, res.Messages, res.Cases)
	if res.ValidityChanged {
		fmt.Fprintf(stdout, " (UIDVALIDITY changed: %d known messages found again)", res.Relocated)
	}
	fmt.Fprintln(stdout)
	if err != nil {
		return err
	}
	printSent(stdout, sent)
	return nil
}

// cases prints the case list as a table or JSON.
func (g globals) cases(ctx context.Context, stdout io.Writer, asJSON, all bool) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Cases(ctx, register.CaseQuery{All: all})
	if err != nil {
		return err
	}
	if asJSON {
		return ui.WriteJSON(stdout, list)
	}
	return ui.WriteCases(stdout, list, register.Today(time.Now()))
}

// messages prints every stored message with its disposition, as a table or
// JSON.
func (g globals) messages(ctx context.Context, stdout io.Writer, asJSON bool) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Messages(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if list == nil {
			list = []register.Message{}
		}
		return ui.WriteJSON(stdout, list)
	}
	return ui.WriteMessages(stdout, list)
}

// importCustomers imports the customer register from a CSV file and prints
// what it did, and the rows it left out.
func (g globals) importCustomers(ctx context.Context, stdout io.Writer, path string, skipInvalid bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	name := filepath.Base(path)
	res, err := db.ImportCustomers(ctx, f, name, skipInvalid)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d added, %d changed, %d unchanged, %d skipped\n",
		ui.CleanLine(name), res.Added, res.Changed, res.Unchanged, res.Skipped)
	for _, p := range res.Problems {
		fmt.Fprintf(stdout, "  %s\n", ui.CleanLine(p))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stdout, "  note: %s\n", ui.CleanLine(n))
	}
	if res.Linked > 0 {
		fmt.Fprintf(stdout, "%d open cases linked to the entries they concern\n", res.Linked)
	}
	return nil
}

// searchCustomers prints the register entries a query finds.
func (g globals) searchCustomers(ctx context.Context, stdout io.Writer, query string, limit int, asJSON bool) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, more, err := db.SearchCustomers(ctx, query, limit)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []register.Hit{}
	}
	if asJSON {
		return ui.WriteJSON(stdout, hits)
	}
	if len(hits) == 0 {
		_, err := fmt.Fprintf(stdout, "no entry matches %q\n", ui.CleanLine(query))
		return err
	}
	if err := ui.WriteHits(stdout, hits); err != nil {
		return err
	}
	if more {
		_, err = fmt.Fprintf(stdout, "more entries match than the %d shown: add words, or raise --limit\n", limit)
	}
	return err
}

// showCustomer prints the card of the entry with a customer number.
func (g globals) showCustomer(ctx context.Context, stdout io.Writer, number string, asJSON bool) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.CustomerByNumber(ctx, number)
	if err != nil {
		return fmt.Errorf("customer %q: %w", number, err)
	}
	card, err := db.CustomerCard(ctx, c.ID)
	if err != nil {
		return err
	}
	if asJSON {
		return ui.WriteJSON(stdout, card)
	}
	return ui.WriteCard(stdout, card)
}

// verifyAudit checks the audit trail's hash chain and prints its entry
// count and head hash, or fails naming the first entry that does not fit.
func (g globals) verifyAudit(ctx context.Context, stdout io.Writer) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if res.Break != nil {
		return fmt.Errorf("audit trail broken at %s", res.Break)
	}
	head := res.Head
	if head == "" {
		head = "none (the trail is empty)"
	}
	_, err = fmt.Fprintf(stdout, "audit trail intact: %d entries, head %s\n", res.Entries, head)
	return err
}

// checkDB runs SQLite's quick_check over the database file and says
// whether it is sound; a damaged file fails naming the way out.
func (g globals) checkDB(ctx context.Context, stdout io.Writer) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QuickCheck(ctx); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "database %s: no damage found\n", db.Path())
	return err
}

// backup checks the database and writes a consistent copy of it to the
// new file dest, while other dsrdesks go on using it.
func (g globals) backup(ctx context.Context, stdout io.Writer, dest string) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QuickCheck(ctx); err != nil {
		return err
	}
	if err := db.Backup(ctx, dest); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "database %s backed up to %s\n", db.Path(), dest)
	return err
}

// link links (or with link false, unlinks) a case and a register entry,
// as an officer's decision.
func (g globals) link(ctx context.Context, stdout io.Writer, caseRef, number string, link bool) error {
	_, db, id, err := g.caseDB(ctx, caseRef)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.CaseByID(ctx, id)
	if err != nil {
		return err
	}
	cu, err := db.CustomerByNumber(ctx, number)
	if err != nil {
		return fmt.Errorf("customer %q: %w", number, err)
	}
	what := "linked to"
	if link {
		err = db.Link(ctx, id, c.Version, cu.ID)
	} else {
		what = "unlinked from"
		err = db.Unlink(ctx, id, c.Version, cu.ID)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s %s %s\n", ui.CleanLine(cu.Number), what, c.Tag)
	return err
}

// export writes the access report of a case (its tag or id) under out,
// else the config's export_dir, else $XDG_DATA_HOME/dsrdesk/exports, and
// prints the folder and its files.
func (g globals) export(ctx context.Context, stdout io.Writer, caseRef, out string) error {
	c, db, id, err := g.caseDB(ctx, caseRef)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.ExportAccess(ctx, id, register.ExportOptions{
		Dir:        exportDir(c, out),
		Recipients: c.Register.Recipients,
		NoticeDir:  c.Register.NoticeDir,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "access report (%s) for %s written to %s\n", res.Lang, ui.CleanLine(strings.Join(res.Entries, ", ")), res.Folder)
	for _, f := range res.Files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	if kase, err := db.CaseByID(ctx, id); err == nil && kase.Identity.Status == register.IdentityUnverified {
		fmt.Fprintln(stdout, "note: the requester's identity is not verified: send the report only to the address on file, or verify first")
	}
	return nil
}

// exportDir is where access reports go: --out, the config's export_dir, or
// $XDG_DATA_HOME/dsrdesk/exports.
func exportDir(c config, out string) string {
	switch {
	case out != "":
		return out
	case c.Register.ExportDir != "":
		return c.Register.ExportDir
	}
	return filepath.Join(xdgDir("XDG_DATA_HOME", ".local/share"), "dsrdesk", "exports")
}

// caseDB reads the config, opens the database for a command on one case,
// named by its tag or id, and finds the case. The caller closes the
// database.
func (g globals) caseDB(ctx context.Context, ref string) (config, *register.DB, int64, error) {
	c, err := g.loadConfig(false)
	if err != nil {
		return c, nil, 0, err
	}
	db, err := g.openDB(ctx, c)
	if err != nil {
		return c, nil, 0, err
	}
	id, err := db.CaseIDByRef(ctx, ref)
	if err != nil {
		db.Close()
		return c, nil, 0, err
	}
	return c, db, id, nil
}

// readDB opens the database for a command that needs no mailbox.
func (g globals) readDB(ctx context.Context) (*register.DB, error) {
	c, err := g.loadConfig(false)
	if err != nil {
		return nil, err
	}
	return g.openDB(ctx, c)
}

// attachments lists a stored message's attachments, numbered from 1.
func (g globals) attachments(ctx context.Context, stdout io.Writer, message string) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	id, err := strconv.ParseInt(message, 10, 64)
	if err != nil {
		return fmt.Errorf("message %q: want the number `dsrdesk messages` shows", message)
	}
	m, err := db.MessageByID(ctx, id)
	if err != nil {
		return err
	}
	rows := make([][]string, len(m.Attachments))
	for i, a := range m.Attachments {
		rows[i] = []string{strconv.Itoa(i + 1), a.Name, a.Type, strconv.Itoa(a.Size)}
	}
	if m.Redacted != "" {
		fmt.Fprintf(stdout, "already removed: %s\n", ui.CleanLine(m.Redacted))
	}
	return ui.WriteTable(stdout, []string{"N", "NAME", "TYPE", "BYTES"}, rows)
}

// removeAttachment removes attachment n of a stored message, after asking.
func (g globals) removeAttachment(ctx context.Context, stdin io.Reader, stdout io.Writer, message, n string, yes bool) error {
	db, err := g.readDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	id, err1 := strconv.ParseInt(message, 10, 64)
	idx, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("remove-attachment %s %s: want a message number and an attachment number", message, n)
	}
	raw, err := db.MessageRaw(ctx, id)
	if err != nil {
		return err
	}
	atts := inbox.Parse(raw).Attachments
	if idx < 1 || idx > len(atts) {
		return fmt.Errorf("message %d has %d attachments, not %d", id, len(atts), idx)
	}
	a := atts[idx-1]
	if !yes {
		fmt.Fprintf(stdout, "Remove %s (%s, %d bytes) from message %d for good? No copy is kept. [y/N] ",
			ui.CleanLine(a.Name), ui.CleanLine(a.Type), a.Size, id)
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if strings.ToLower(strings.TrimSpace(answer)) != "y" {
			return errors.New("nothing removed")
		}
		// The answer was about these bytes: refuse if they changed meanwhile.
		if now, err := db.MessageRaw(ctx, id); err != nil || !bytes.Equal(now, raw) {
			return fmt.Errorf("message %d changed meanwhile; nothing removed, look again", id)
		}
	}
	removed, err := redact(ctx, db, id, idx-1)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %s from message %d; the rest of the message is kept\n", ui.CleanLine(removed.Name), id)
	return nil
}

// redact removes attachment idx (from 0, in the order the stored message
// lists its attachments) from stored message id for good, leaving a note in
// its place, and returns what it removed. The register refuses if the
// message changed meanwhile and audits the removal.
func redact(ctx context.Context, db *register.DB, id int64, idx int) (register.Attachment, error) {
	raw, err := db.MessageRaw(ctx, id)
	if err != nil {
		return register.Attachment{}, err
	}
	atts := inbox.Parse(raw).Attachments
	if idx < 0 || idx >= len(atts) {
		return register.Attachment{}, fmt.Errorf("message %d has %d attachments, not %d", id, len(atts), idx+1)
	}
	after, err := inbox.RemoveAttachment(raw, idx, "")
	if err != nil {
		return register.Attachment{}, fmt.Errorf("message %d: %w", id, err)
	}
	p := inbox.Parse(after)
	removed := attachments(atts[idx : idx+1])[0]
	err = db.Redact(ctx, register.Redaction{MessageID: id, Before: raw, After: after,
		Removed: removed, Remaining: attachments(p.Attachments), Text: p.Text})
	if err != nil {
		return register.Attachment{}, err
	}
	return removed, nil
}

// remover is the TUI's way to remove an attachment from a message in db.
func remover(db *register.DB) func(context.Context, int64, int) (register.Attachment, error) {
	return func(ctx context.Context, id int64, idx int) (register.Attachment, error) {
		return redact(ctx, db, id, idx)
	}
}

// runDemo runs the TUI against the built-in sample mailbox, served by an
// in-process IMAP server, with a database that is deleted at exit, or with
// the database file dbPath (--db), which is kept: demos in two terminals on
// one file are two officers on one database, and only one of them syncs.
func runDemo(ctx context.Context, dbPath string) error {
	dir, err := os.MkdirTemp("", "dsrdesk-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	logf, err := openLog(dir)
	if err != nil {
		return err
	}
	defer logf.Close()
	srv, err := demo.Start(time.Now())
	if err != nil {
		return fmt.Errorf("start demo mailbox: %w", err)
	}
	defer srv.Close()
	if dbPath == "" {
		dbPath = filepath.Join(dir, "demo.db")
	}
	db, err := register.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ImportCustomers(ctx, bytes.NewReader(demo.Customers), "demo customers.csv", false); err != nil {
		return fmt.Errorf("import the demo register: %w", err)
	}
	host, port, err := splitHostPort(srv.Addr)
	if err != nil {
		return err
	}
	src := &mailSource{
		cfg:      inbox.Config{Host: host, Port: port, Security: inbox.Plain, Username: srv.Username, Mailbox: srv.Mailbox},
		password: srv.Password,
		store:    store{db},
		staff:    defaultStaffDomains,
	}
	db.SetRecipients(demoRecipients)
	return ui.Run(ctx, ui.Options{
		DB:       db,
		Source:   "demo mailbox",
		Watch:    src.watch(5 * time.Second),
		CrashLog: filepath.Join(stateDir(), "crash.log"),

		RemoveAttachment: remover(db),
		ExportDir:        filepath.Join(dir, "exports"),
		Retention:        register.DefaultRetention,
		ClosedCaseYears:  5,
		// Drafts go to the demo server's own Drafts folder, by IMAP APPEND
		// as for a real mailbox; no [smtp]: nothing is sent.
		SaveDraft: func(ctx context.Context, l register.Letter) (string, error) { return src.saveDraft(ctx, outgoing(l)) },
		Send:      letterSender(src),
	})
}

// How answers leave the desk, and how the Sent folder brings them back: the
// TUI composes a letter, and it is saved as a draft in the mailbox (the
// officer sends it from their mail client) or, with an [smtp] section, sent
// directly and filed in the Sent folder. Either way the next sync reads the
// Sent folder, and a sent message of a case records the case's answer.

// answers is what a mailSource needs to send: the [smtp] section, if any,
// and its password once read.
type answers struct {
	smtp *inbox.SMTPConfig // nil: drafts only

	mu           sync.Mutex
	smtpPassword string // read on the first send, kept in memory only
}

// syncGC has the garbage collector run at three times the live heap
// instead of twice while a sync runs, unless GOGC is set, and returns what
// sets it back. A sync allocates much short-lived memory per message (the
// raw mail, its parse, its words) and keeps little: this saves 7 to 13% of
// a first sync's time for some 20 MB more at its peak, in dsrdesk sync and
// in the TUI's background sync alike. Syncs of one process never overlap
// (the CLI runs one, the TUI's Watcher one after another).
func syncGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(200)
	return func() { debug.SetGCPercent(old) }
}

// newAnswers takes the [smtp] section of c (defaults applied by loadConfig).
func newAnswers(c config) answers { return answers{smtp: c.SMTP} }

// syncMailboxes syncs the mailbox and then the Sent folder, and logs what
// was done (counts only: nothing of the mail).
func (m *mailSource) syncMailboxes(ctx context.Context) (res, sent inbox.Result, err error) {
	defer syncGC()()
	res, sent, err = inbox.SyncMailboxes(ctx, m.cfg, m.password, m.store, m.staff)
	if err != nil {
		slog.Error("sync failed", "mailbox", res.Mailbox, "sent_folder", sent.Mailbox, "err", err)
		return res, sent, err
	}
	slog.Info("synced", "mailbox", res.Mailbox, "fetched", res.Fetched, "stored", res.Messages,
		"relocated", res.Relocated, "cases", res.Cases, "uidvalidity_changed", res.ValidityChanged)
	if sent.Mailbox != "" {
		slog.Info("synced", "mailbox", sent.Mailbox, "sent_folder", true, "fetched", sent.Fetched,
			"stored", sent.Messages, "answered", sent.Answered, "uidvalidity_changed", sent.ValidityChanged)
	}
	return res, sent, nil
}

// printSent prints the Sent folder's line of `dsrdesk sync`.
func printSent(w io.Writer, sent inbox.Result) {
	if sent.Mailbox == "" {
		fmt.Fprintln(w, "Sent folder: none on the server yet (set [imap] sent to name it)")
		return
	}
	fmt.Fprintf(w, "%s (sent mail): %d fetched, %d stored as answers of cases, %d cases marked answered\n",
		ui.CleanLine(sent.Mailbox), sent.Fetched, sent.Messages, sent.Answered) // the server names the folder
}

// prepare fills in what the config knows: the From address, and a fresh
// Message-ID at the company's domain. It returns the message's bytes.
func (m *mailSource) prepare(out *inbox.Outgoing) ([]byte, error) {
	if out.From == (inbox.Address{}) {
		from, err := m.cfg.From()
		if err != nil {
			return nil, err
		}
		out.From = from
	}
	if out.MessageID == "" {
		domain := "sesoma.fi"
		if len(m.staff) > 0 {
			domain = m.staff[0]
		}
		out.MessageID = inbox.NewMessageID(domain)
	}
	return inbox.BuildMessage(*out)
}

// saveDraft builds the letter and saves it in the mailbox's Drafts folder,
// returning its Message-ID. For ui.Options.SaveDraft.
func (m *mailSource) saveDraft(ctx context.Context, out inbox.Outgoing) (string, error) {
	raw, err := m.prepare(&out)
	if err != nil {
		return "", err
	}
	if err := inbox.AppendDraft(ctx, m.cfg, m.password, raw); err != nil {
		slog.Error("saving a draft failed", "message_id", out.MessageID, "err", err)
		return "", fmt.Errorf("save the draft: %w", err)
	}
	slog.Info("draft saved", "message_id", out.MessageID, "bytes", len(raw))
	return out.MessageID, nil
}

// sender returns send, or nil when no [smtp] section is configured (the
// TUI then offers drafts only). For ui.Options.Send.
func (m *mailSource) sender() func(context.Context, inbox.Outgoing) (string, error) {
	if m.smtp == nil {
		return nil
	}
	return m.send
}

// send builds the letter, sends it by SMTP to its To addresses and files it
// in the Sent folder, returning its Message-ID. The next sync finds it there
// and records the answer. When sending worked but filing did not, the
// Message-ID comes back with the error: the letter is gone, and the answer
// must be recorded by hand.
func (m *mailSource) send(ctx context.Context, out inbox.Outgoing) (string, error) {
	if m.smtp == nil {
		return "", fmt.Errorf("no [smtp] section in the config: save the answer as a draft instead")
	}
	raw, err := m.prepare(&out)
	if err != nil {
		return "", err
	}
	pw, err := m.smtpPass(ctx)
	if err != nil {
		return "", err
	}
	to := make([]string, len(out.To))
	for i, a := range out.To {
		to[i] = a.Email
	}
	if err := inbox.Send(ctx, *m.smtp, pw, out.From.Email, to, raw); err != nil {
		slog.Error("sending failed", "message_id", out.MessageID, "err", err)
		return "", fmt.Errorf("send: %w", err)
	}
	slog.Info("answer sent", "message_id", out.MessageID, "recipients", len(to), "bytes", len(raw))
	if err := inbox.AppendSent(ctx, m.cfg, m.password, raw); err != nil {
		slog.Error("filing the sent answer failed", "message_id", out.MessageID, "err", err)
		return out.MessageID, fmt.Errorf("the answer was sent, but filing it in the Sent folder failed, so the case is not marked answered: record the answer by hand: %w", err)
	}
	return out.MessageID, nil
}

// smtpPass reads the SMTP password on first use: a cron sync never needs it.
func (m *mailSource) smtpPass(ctx context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.smtpPassword == "" {
		pw, err := m.smtp.Password(ctx, m.cfg, m.password)
		if err != nil {
			return "", err
		}
		m.smtpPassword = pw
	}
	return m.smtpPassword, nil
}

// Only one process syncs a mailbox at a time: the one holding its sync
// lease in the database (see register.TakeLease). The others follow its
// changes, which their screens read as they read any officer's.

// leaseRenewEvery is how often a holder renews its lease besides at each
// sync, so that IDLE or a long poll interval does not let it lapse.
const leaseRenewEvery = register.LeaseTTL / 4

// leaseState is a mailSource's hold of the sync lease.
type leaseState struct {
	holding atomic.Bool // this process holds the lease, as of the last try
}

// leaseMailbox is the mailbox name the lease is kept under.
func (m *mailSource) leaseMailbox() string { return m.cfg.WithDefaults().Mailbox }

// takeLease takes or renews the sync lease for this process: held is
// false, and other names the holder, while another process holds it.
func (m *mailSource) takeLease(ctx context.Context) (other register.Lease, held bool, err error) {
	l, held, err := m.store.db.TakeLease(ctx, m.leaseMailbox(), register.Holder(), time.Now(), register.LeaseTTL)
	if err != nil {
		m.lease.holding.Store(false)
		return l, false, err
	}
	if was := m.lease.holding.Swap(held); was != held {
		if held {
			slog.Info("took the sync lease", "mailbox", l.Mailbox)
		} else {
			slog.Info("another dsrdesk syncs: following", "mailbox", l.Mailbox, "holder", l.Holder)
		}
	}
	return l, held, nil
}

// leaseForWatcher is inbox.Watcher's Lease.
func (m *mailSource) leaseForWatcher(ctx context.Context) (bool, error) {
	_, held, err := m.takeLease(ctx)
	return held, err
}

// keepLease renews the lease every leaseRenewEvery while this process holds
// it, until ctx ends; then it releases the lease, so that another process
// takes over at once. It returns a function that stops it and waits.
func (m *mailSource) keepLease(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(leaseRenewEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if m.lease.holding.Load() {
					if _, _, err := m.takeLease(ctx); err != nil && ctx.Err() == nil {
						slog.Warn("renewing the sync lease failed", "err", err)
					}
				}
			}
		}
	}()
	return func() {
		cancel()
		<-done
		if m.lease.holding.Swap(false) {
			rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := m.store.db.ReleaseLease(rctx, m.leaseMailbox(), register.Holder()); err != nil {
				slog.Warn("releasing the sync lease failed", "err", err)
			}
		}
	}
}

// demoRecipients are the demo's named recipients of the register's data.
var demoRecipients = []string{"Posti Oy (deliveries)", "Tilitoimisto Esimerkki Oy (bookkeeping)"}

// splitHostPort splits "host:port" into its parts.
func splitHostPort(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		return "", 0, fmt.Errorf("address %q: bad port", addr)
	}
	return host, port, nil
}

// store lets inbox keep mail in the register: it turns inbox's values into
// register's, so that neither package imports the other.
type store struct{ db *register.DB }

// Watermark implements inbox.Store.
func (s store) Watermark(ctx context.Context, mailbox string) (uint32, uint32, error) {
	st, err := s.db.SyncState(ctx, mailbox)
	return st.UIDValidity, st.LastUID, err
}

// StoreBatch implements inbox.Store.
func (s store) StoreBatch(ctx context.Context, mailbox string, uidValidity, lastUID uint32, mails []inbox.Mail) (inbox.Stored, error) {
	msgs := make([]register.Message, len(mails))
	for i, m := range mails {
		msgs[i] = register.Message{
			UID:          m.UID,
			MessageID:    m.MessageID,
			ReceivedAt:   m.InternalDate,
			Size:         m.Size,
			Hash:         m.Hash,
			From:         person(m.From),
			Subject:      m.Subject,
			InReplyTo:    m.InReplyTo,
			References:   m.References,
			Headers:      headerText(m.Headers),
			Text:         m.Text,
			ParseError:   m.ParseError,
			Attachments:  attachments(m.Attachments),
			Disposition:  disposition(m.Disposition),
			Kinds:        kinds(m.Kinds),
			Reasons:      m.Reasons,
			Uncertain:    m.Uncertain,
			Requester:    person(m.Requester),
			StaffForward: m.StaffForward,
			Lang:         m.Lang,
			Thread:       register.Thread{Tag: m.Thread.Tag, BaseSubject: m.Thread.BaseSubject, Reply: m.Thread.Reply},
			Raw:          m.Raw,
		}
		if m.StaffForward && m.Forward != nil {
			msgs[i].OriginalDate = m.Forward.Date
		}
	}
	res, err := s.db.StoreBatch(ctx, register.Batch{Mailbox: mailbox, UIDValidity: uidValidity, LastUID: lastUID, Messages: msgs})
	return inbox.Stored{Messages: res.Stored, Relocated: res.Relocated, Cases: res.Cases, Answered: res.Answered}, err
}

// FetchFailed, Suspects and Fetched let inbox keep a message that fails
// every fetch in quarantine in the register (see inbox.Quarantine).
var _ inbox.Quarantine = store{}

func (s store) FetchFailed(ctx context.Context, mailbox string, uidValidity, uid uint32, reason string) (int, error) {
	return s.db.FetchFailed(ctx, mailbox, uidValidity, uid, reason)
}

func (s store) Suspects(ctx context.Context, mailbox string, uidValidity uint32) (map[uint32]int, []uint32, error) {
	return s.db.Suspects(ctx, mailbox, uidValidity)
}

func (s store) Fetched(ctx context.Context, mailbox string, uidValidity, uid uint32) error {
	return s.db.Fetched(ctx, mailbox, uidValidity, uid)
}

// disposition names inbox's verdict in the register's terms, each mapped
// explicitly so that a rename on either side cannot silently change which
// mail opens a case.
func disposition(d inbox.Disposition) string {
	switch d {
	case inbox.Request:
		return register.DispositionRequest
	case inbox.Unparseable:
		return register.DispositionUnparseable
	case inbox.AutoReply:
		return register.DispositionAutoReply
	case inbox.Bounce:
		return register.DispositionBounce
	case inbox.Bulk:
		return register.DispositionBulk
	case inbox.Sent:
		return register.DispositionSent
	}
	return register.DispositionOther
}

// kinds names inbox's kinds in the register's terms (the same words).
func kinds(ks []inbox.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func person(a inbox.Address) register.Person { return register.Person{Email: a.Email, Name: a.Name} }

func attachments(as []inbox.Attachment) []register.Attachment {
	out := make([]register.Attachment, len(as))
	for i, a := range as {
		out[i] = register.Attachment{Name: a.Name, Type: a.Type, Size: a.Size}
	}
	return out
}

// headerText writes header fields one "Key: value" per line.
func headerText(hs []inbox.Header) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Key)
		b.WriteString(": ")
		b.WriteString(strings.ReplaceAll(h.Value, "\n", " "))
		b.WriteByte('\n')
	}
	return b.String()
}
