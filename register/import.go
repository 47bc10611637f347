package register

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ImportResult is what an import of the customer register did.
type ImportResult struct {
	Added     int      // new customers
	Changed   int      // existing customers with at least one field changed
	Unchanged int      // existing customers the file left as they were
	Skipped   int      // bad rows left out (with skipInvalid)
	Linked    int      // open cases the new register let matching link
	Kept      int      // erased entries the file would have filled again, left as they are
	Notes     []string // what the import left as it was, and why: erased entries, bans
	Problems  []string // "line N, column C: reason", one per bad row or header
}

// ErrImportRefused is wrapped by the error of an import that imported
// nothing because of bad rows (or a bad header).
var ErrImportRefused = errors.New("nothing imported")

// importCacheKiB is the page cache of the writer connection during an
// import, in KiB: enough to hold the register's indexes at a million rows.
const importCacheKiB = 256 << 10

// maxListedProblems is how many problems a refusal's error names.
const maxListedProblems = 20

// ImportCustomers reads a CSV file of customers (UTF-8, a header row of
// canonical field names, separated by commas or semicolons, with or
// without a byte-order mark) and upserts them by customer number, in one
// transaction. Only the fields the file has are compared and updated; each
// changed field enters the change log with source "import NAME". A bad row
// refuses the whole import unless skipInvalid, which imports the good rows
// and lists the bad ones in the result. One audit entry records the counts.
func (db *DB) ImportCustomers(ctx context.Context, r io.Reader, name string, skipInvalid bool) (ImportResult, error) {
	var res ImportResult
	imp := importer{db: db, source: "import " + name, now: time.Now()}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		// A large import rewrites index pages all over: let them stay in
		// memory until the commit instead of spilling to the WAL.
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(importCacheKiB)); err != nil {
			return err
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000`)
		if err := imp.run(ctx, tx, r, &res); err != nil {
			return err
		}
		if len(res.Problems) > 0 && (!skipInvalid || imp.fatal) {
			return ErrImportRefused
		}
		var err error
		if res.Linked, err = db.autoLinkOpen(ctx, tx); err != nil {
			return fmt.Errorf("link open cases: %w", err)
		}
		return db.audit(ctx, tx, 0, "customers imported", fmt.Sprintf("%s: %d added, %d changed, %d unchanged, %d skipped",
			name, res.Added, res.Changed, res.Unchanged, res.Skipped))
	})
	if errors.Is(err, ErrImportRefused) {
		res = ImportResult{Problems: res.Problems}
		// The refusal is audited on its own: the import's transaction is gone.
		aerr := db.tx(ctx, func(tx *sql.Tx) error {
			return db.audit(ctx, tx, 0, "customer import refused", fmt.Sprintf("%s: %d problems", name, len(res.Problems)))
		})
		return res, errors.Join(refusal(name, res.Problems), aerr)
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", name, err)
	}
	return res, nil
}

// refusal is the error of a refused import: the first problems and how
// many more there are.
func refusal(name string, problems []string) error {
	list := problems
	more := ""
	if len(list) > maxListedProblems {
		list = list[:maxListedProblems]
		more = fmt.Sprintf("; and %d more", len(problems)-maxListedProblems)
	}
	what := "problems"
	if len(problems) == 1 {
		what = "problem"
	}
	return fmt.Errorf("import %s: %d %s, %w: %s%s", name, len(problems), what, ErrImportRefused, strings.Join(list, "; "), more)
}

// importer is one import in progress.
type importer struct {
	db     *DB
	source string
	now    time.Time
	fatal  bool // the file itself is unusable (header, syntax): refuse even with skipInvalid

	cols     []int           // for each column of the file, its index in customerFields
	numberAt int             // the column of the customer number
	known    map[string]bool // the customer numbers already in the register
	sel      *sql.Stmt
	insert   *sql.Stmt
	change   *sql.Stmt
	updates  map[string]*sql.Stmt // by the changed columns, comma-separated
}

func (imp *importer) problem(res *ImportResult, line int, column, format string, args ...any) {
	p := fmt.Sprintf("line %d", line)
	if column != "" {
		p += ", column " + column
	}
	res.Problems = append(res.Problems, p+": "+fmt.Sprintf(format, args...))
}

// run reads the file and upserts its good rows inside tx.
func (imp *importer) run(ctx context.Context, tx *sql.Tx, r io.Reader, res *ImportResult) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}

	header, err := cr.Read()
	if err == io.EOF {
		imp.fatal = true
		imp.problem(res, 1, "", "the file is empty: want a header row")
		return nil
	}
	if err != nil {
		imp.fatal = true
		imp.problem(res, 1, "", "%s", csvReason(err))
		return nil
	}
	if !imp.readHeader(header, res) {
		imp.fatal = true
		return nil
	}
	if err := imp.prepare(ctx, tx); err != nil {
		return err
	}
	defer imp.close()

	if err := imp.loadNumbers(ctx, tx); err != nil {
		return err
	}
	var lastID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM customers`).Scan(&lastID); err != nil {
		return err
	}
	// Statements run without the caller's cancellation: a cancellable
	// context costs each of them a goroutine. The loop checks it instead.
	stmtCtx := context.WithoutCancel(ctx)
	seen := make(map[string]int) // customer number → line of its first row
	vals := make([]string, len(imp.cols))
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := cr.Read()
		if err == io.EOF {
			// Index the new entries for search in one statement: ten
			// times faster than row by row.
			_, err := tx.ExecContext(ctx, `INSERT INTO customer_search (docid, terms) SELECT id, `+
				searchTerms("")+` FROM customers WHERE id > ?`, lastID)
			return err
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// A syntax error may have swallowed the rest of the file: refuse.
			imp.fatal = true
			imp.problem(res, pe.StartLine, "", "%s", csvReason(err))
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // an empty line
		}
		if len(rec) != len(imp.cols) {
			imp.problem(res, line, "", "%d fields, the header has %d", len(rec), len(imp.cols))
			res.Skipped++
			continue
		}
		ok := true
		for i, v := range rec {
			f := customerFields[imp.cols[i]]
			nv, err := normalise(f, strings.TrimSpace(v))
			if err != nil {
				imp.problem(res, line, f.Name, "%s", err)
				ok = false
			}
			vals[i] = nv
		}
		number := vals[imp.numberAt]
		if number == "" {
			imp.problem(res, line, "customer_number", "missing")
			ok = false
		} else if prev, dup := seen[number]; dup {
			imp.problem(res, line, "customer_number", "%q is already on line %d", number, prev)
			ok = false
		} else {
			seen[number] = line
		}
		if !ok {
			res.Skipped++
			continue
		}
		if err := imp.upsert(stmtCtx, tx, vals, res); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// csvReason describes a CSV syntax error without its position.
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "CSV syntax: " + pe.Err.Error()
	}
	return err.Error()
}

// readHeader maps the file's columns to the register's fields and finds
// the customer number's.
func (imp *importer) readHeader(header []string, res *ImportResult) bool {
	index := make(map[string]int, len(customerFields))
	for i, f := range customerFields {
		index[f.Name] = i
	}
	ok := true
	have := make(map[int]bool)
	numberAt := -1
	for _, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		i, known := index[name]
		switch {
		case name == "":
			imp.problem(res, 1, "", "a column has no name")
			ok = false
		case !known:
			imp.problem(res, 1, strings.TrimSpace(h), "unknown column (known: %s)", strings.Join(CustomerFieldNames(), ", "))
			ok = false
		case have[i]:
			imp.problem(res, 1, name, "the column is there twice")
			ok = false
		}
		if known {
			have[i] = true
		}
		if known && i == 0 {
			numberAt = len(imp.cols)
		}
		imp.cols = append(imp.cols, i)
	}
	if numberAt < 0 {
		imp.problem(res, 1, "", "no customer_number column")
		return false
	}
	if !ok {
		return false
	}
	imp.numberAt = numberAt
	return true
}

// loadNumbers reads the customer numbers already in the register, so that
// a new customer costs no lookup.
func (imp *importer) loadNumbers(ctx context.Context, tx *sql.Tx) error {
	imp.known = make(map[string]bool)
	rows, err := tx.QueryContext(ctx, `SELECT customer_number FROM customers`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		imp.known[n] = true
	}
	return rows.Err()
}

// prepare prepares the statements an import repeats.
func (imp *importer) prepare(ctx context.Context, tx *sql.Tx) error {
	var err error
	if imp.sel, err = tx.PrepareContext(ctx, customerSelect+` WHERE customer_number = ?`); err != nil {
		return err
	}
	names := make([]string, len(imp.cols))
	for i, c := range imp.cols {
		names[i] = customerFields[c].Name
	}
	q := `INSERT INTO customers (` + strings.Join(names, ", ") + `, name_key, email_key, phone_key, created_at, updated_at)
		VALUES (` + strings.Repeat("?, ", len(names)+4) + `?)`
	if imp.insert, err = tx.PrepareContext(ctx, q); err != nil {
		return err
	}
	imp.change, err = tx.PrepareContext(ctx, `INSERT INTO customer_changes
		(customer_id, field, old_value, new_value, at, actor, case_id, source) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`)
	imp.updates = make(map[string]*sql.Stmt)
	return err
}

func (imp *importer) close() {
	for _, s := range []*sql.Stmt{imp.sel, imp.insert, imp.change} {
		if s != nil {
			s.Close()
		}
	}
	for _, s := range imp.updates {
		s.Close()
	}
}

// upsert inserts or updates the customer of one good row (vals in the
// file's column order). A new customer enters the change log once, as
// created by the import; an existing one with every field it changes.
func (imp *importer) upsert(ctx context.Context, tx *sql.Tx, vals []string, res *ImportResult) error {
	at := imp.now.UTC().Format(time.RFC3339Nano)
	if !imp.known[vals[imp.numberAt]] {
		fields := make(map[string]string, len(vals))
		args := make([]any, 0, len(vals)+5)
		for i, v := range vals {
			f := customerFields[imp.cols[i]]
			fields[f.Name] = v
			args = append(args, dbValue(f, v))
		}
		nk, ek, pk := customerKeys(fields)
		args = append(args, nk, ek, pk, imp.now.Unix(), imp.now.Unix())
		r, err := imp.insert.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := imp.change.ExecContext(ctx, id, FieldEntry, "", EntryCreated, at, imp.db.actor, imp.source); err != nil {
			return err
		}
		res.Added++
		return nil
	}
	old, err := scanCustomer(imp.sel.QueryRowContext(ctx, vals[imp.numberAt]))
	if err != nil {
		return err
	}
	if !old.ErasedAt.IsZero() {
		// An erasure is final: a later export from another system must
		// not bring the data back.
		res.Kept++
		res.Notes = append(res.Notes, fmt.Sprintf("%s: erased on %s, left as it is", old.Number, old.ErasedAt.Format(time.DateOnly)))
		return nil
	}
	var changed []int // indexes into vals
	for i, v := range vals {
		name := customerFields[imp.cols[i]].Name
		v = imp.keepObjection(old, name, v, res)
		vals[i] = v
		if old.Fields[name] != v {
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		res.Unchanged++
		return nil
	}
	names := make([]string, len(changed))
	args := make([]any, 0, len(changed)+6)
	fields := make(map[string]string, len(old.Fields))
	for k, v := range old.Fields {
		fields[k] = v
	}
	for j, i := range changed {
		f := customerFields[imp.cols[i]]
		names[j] = f.Name
		fields[f.Name] = vals[i]
		args = append(args, dbValue(f, vals[i]))
	}
	key := strings.Join(names, ",")
	st := imp.updates[key]
	if st == nil {
		q := `UPDATE customers SET ` + strings.Join(names, " = ?, ") + ` = ?,
			name_key = ?, email_key = ?, phone_key = ?, updated_at = ?, version = version + 1 WHERE id = ?`
		if st, err = tx.PrepareContext(ctx, q); err != nil {
			return err
		}
		imp.updates[key] = st
	}
	nk, ek, pk := customerKeys(fields)
	args = append(args, nk, ek, pk, imp.now.Unix(), old.ID)
	if _, err := st.ExecContext(ctx, args...); err != nil {
		return err
	}
	for _, i := range changed {
		name := customerFields[imp.cols[i]].Name
		if _, err := imp.change.ExecContext(ctx, old.ID, name, old.Fields[name], vals[i], at, imp.db.actor, imp.source); err != nil {
			return err
		}
	}
	res.Changed++
	return nil
}

// keepObjection returns the value an import may set for field name of an
// existing entry: an objection is absolute (Art. 21(3)), so a ban once
// set is not lifted by an import, and no newsletter is switched on while
// the marketing ban stands. What it keeps is noted in res.
func (imp *importer) keepObjection(old Customer, name, v string, res *ImportResult) string {
	banned := old.Fields["direct_marketing_ban"] == "1"
	switch {
	case (name == "direct_marketing_ban" || name == "market_research_ban") && old.Fields[name] == "1" && v == "0":
	case name == "newsletter" && banned && v == "1":
	default:
		return v
	}
	res.Notes = append(res.Notes, fmt.Sprintf("%s: %s kept as it is: the person has objected to direct marketing", old.Number, name))
	return old.Fields[name]
}

// dbValue is the value stored for field f: flags as integers.
func dbValue(f customerField, v string) any {
	if f.Kind == kindFlag {
		return v == "1"
	}
	return v
}

// finnishDate is a date the Finnish way, D.M.YYYY.
var finnishDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)

// normalise checks one value of field f and returns it as stored: dates
// as YYYY-MM-DD, flags as "0" or "1".
func normalise(f customerField, v string) (string, error) {
	if v == "" {
		if f.Kind == kindFlag {
			return "0", nil
		}
		return "", nil
	}
	switch f.Kind {
	case kindBusinessID:
		if err := CheckBusinessID(v); err != nil {
			return v, err
		}
	case kindEmail:
		if err := checkEmail(v); err != nil {
			return v, err
		}
	case kindPhone:
		if n := digits(v); !isPhoneLike(v) || n < 7 || n > 15 {
			return v, fmt.Errorf("%q is no phone number: want digits with spaces, dashes or brackets, 7 to 15 of them, + or 00 for a country code", v)
		}
	case kindDate:
		if m := finnishDate.FindStringSubmatch(v); m != nil {
			d, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			y, _ := strconv.Atoi(m[3])
			t := time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC)
			if t.Day() != d || int(t.Month()) != mo {
				return v, fmt.Errorf("%q is no date", v)
			}
			return t.Format(time.DateOnly), nil
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return v, fmt.Errorf("%q is no date: want YYYY-MM-DD or D.M.YYYY", v)
		}
	case kindFlag:
		switch strings.ToLower(v) {
		case "1", "true", "kyllä", "k", "yes", "y", "x":
			return "1", nil
		case "0", "false", "ei", "e", "no", "n":
			return "0", nil
		}
		return v, fmt.Errorf("%q: want 1 or 0 (true/false, kyllä/ei, yes/no, x or empty)", v)
	}
	return v, nil
}

// checkEmail accepts the shape of an e-mail address: one @ with something
// before it, a dot inside the domain, no spaces.
func checkEmail(v string) error {
	local, domain, ok := strings.Cut(v, "@")
	switch {
	case strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r == 0x7f || r == 0xa0 }):
		return fmt.Errorf("%q is no e-mail address: it has a space", v)
	case !ok || strings.Contains(domain, "@"):
		return fmt.Errorf("%q is no e-mail address: want one @", v)
	case local == "":
		return fmt.Errorf("%q is no e-mail address: nothing before the @", v)
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return fmt.Errorf("%q is no e-mail address: the domain after the @ needs a dot", v)
	}
	return nil
}
