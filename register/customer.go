package register

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fieldKind says how a customer field is validated and stored.
type fieldKind int

const (
	kindText       fieldKind = iota
	kindEmail                // one @, a dot in the domain, no spaces
	kindBusinessID           // Y-tunnus with a valid check digit
	kindDate                 // YYYY-MM-DD (D.M.YYYY accepted on import)
	kindFlag                 // 0 or 1
	kindPhone                // digits with the usual separators, 7 to 15 digits
)

// customerField is one column of the customer register.
type customerField struct {
	Name string
	Kind fieldKind
}

// CustomerFields are the customer register's fields, by their canonical
// names, in the order of the privacy notice; customer_number comes first.
var customerFields = []customerField{
	{"customer_number", kindText},
	{"company_name", kindText},
	{"first_name", kindText},
	{"last_name", kindText},
	{"business_id", kindBusinessID},
	{"email", kindEmail},
	{"phone", kindPhone},
	{"street_address", kindText},
	{"postal_code", kindText},
	{"city", kindText},
	{"country", kindText},
	{"contact_person", kindText},
	{"title", kindText},
	{"payment_method", kindText},
	{"payment_instrument", kindText},
	{"payment_terms", kindText},
	{"delivery_method", kindText},
	{"delivery_details", kindText},
	{"customer_since", kindDate},
	{"customer_until", kindDate},
	{"service_ids", kindText},
	{"communication_ids", kindText},
	{"newsletter", kindFlag},
	{"campaigns", kindText},
	{"billing", kindText},
	{"collection", kindText},
	{"credit", kindText},
	{"financing", kindText},
	{"contact_history", kindText},
	{"consents", kindText},
	{"direct_marketing_ban", kindFlag},
	{"market_research_ban", kindFlag},
	{"analytics", kindText},
}

// CustomerFieldNames returns the canonical names of the register's fields.
func CustomerFieldNames() []string {
	out := make([]string, len(customerFields))
	for i, f := range customerFields {
		out[i] = f.Name
	}
	return out
}

// Customer is one entry of the customer register. Fields holds every field
// by its canonical name, flags as "0" or "1", dates as YYYY-MM-DD.
type Customer struct {
	ID         int64             `json:"-"`
	Number     string            `json:"customer_number"`
	Fields     map[string]string `json:"fields"`
	Restricted bool              `json:"restricted"`         // Art. 18: only kept, not used, until lifted
	ErasedAt   time.Time         `json:"erased_at,omitzero"` // Art. 17: when its personal data was erased
	Version    int64             `json:"-"`
}

// CustomerChange is one entry of a customer's change log.
type CustomerChange struct {
	ID      int64     `json:"-"`
	Field   string    `json:"field"`
	Old     string    `json:"old"`
	New     string    `json:"new"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	CaseID  int64     `json:"-"`              // 0 when no case made the change
	CaseTag string    `json:"case,omitempty"` // that case's tag
	Source  string    `json:"source"`
}

// The change log's entry for the creation of a customer: the field is
// FieldEntry and the new value EntryCreated. Its source says where the
// entry's first values came from.
const (
	FieldEntry   = "entry"
	EntryCreated = "created"
)

// customerSelect reads every field of a customer, in customerFields' order,
// followed by the restriction and erasure marks, id and version.
var customerSelect = func() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for _, f := range customerFields {
		if f.Kind == kindFlag {
			b.WriteString("CAST(" + f.Name + " AS TEXT), ")
		} else {
			b.WriteString(f.Name + ", ")
		}
	}
	b.WriteString("restricted, erased_at, id, version FROM customers")
	return b.String()
}()

// scanCustomer reads one row of customerSelect.
func scanCustomer(row interface{ Scan(...any) error }) (Customer, error) {
	vals := make([]string, len(customerFields))
	dest := make([]any, 0, len(customerFields)+2)
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	var c Customer
	var erased int64
	dest = append(dest, &c.Restricted, &erased, &c.ID, &c.Version)
	if err := row.Scan(dest...); err != nil {
		return Customer{}, err
	}
	if erased != 0 {
		c.ErasedAt = time.Unix(erased, 0).In(Helsinki)
	}
	c.Fields = make(map[string]string, len(customerFields))
	for i, f := range customerFields {
		c.Fields[f.Name] = vals[i]
	}
	c.Number = c.Fields["customer_number"]
	return c, nil
}

// CustomerByNumber returns the entry with the given customer number, as
// written or in upper case, or ErrNotFound.
func (db *DB) CustomerByNumber(ctx context.Context, number string) (Customer, error) {
	c, err := scanCustomer(db.r.QueryRowContext(ctx, customerSelect+` WHERE customer_number IN (?, ?)
		ORDER BY customer_number = ? DESC LIMIT 1`, number, strings.ToUpper(number), number))
	if err == sql.ErrNoRows {
		return Customer{}, ErrNotFound
	}
	return c, err
}

// CustomerChanges returns the change log of one customer, oldest first.
func (db *DB) CustomerChanges(ctx context.Context, customerID int64) ([]CustomerChange, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT ch.id, ch.field, ch.old_value, ch.new_value, ch.at, ch.actor,
		coalesce(ch.case_id, 0), coalesce(c.tag, ''), ch.source
		FROM customer_changes ch LEFT JOIN cases c ON c.id = ch.case_id WHERE ch.customer_id = ? ORDER BY ch.id`, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CustomerChange
	for rows.Next() {
		var c CustomerChange
		var at string
		if err := rows.Scan(&c.ID, &c.Field, &c.Old, &c.New, &at, &c.Actor, &c.CaseID, &c.CaseTag, &c.Source); err != nil {
			return nil, err
		}
		c.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// foldName turns a name into its search key: lower case, diacritics
// removed ("Mäkinen" → "makinen"), runs of spaces as one.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// emailKey is an e-mail address's search key: trimmed, lower case.
func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// phoneKey is a phone number's search key in international form: the
// digits only, "00" or a Finnish trunk "0" turned into "+" and "+358", so
// that +358 40 123 4567, 040-1234567 and 0401234567 share one key.
func phoneKey(s string) string {
	var d strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		}
	}
	n := d.String()
	switch {
	case n == "":
		return ""
	case plus:
		return "+" + n
	case strings.HasPrefix(n, "00"):
		return "+" + n[2:]
	case strings.HasPrefix(n, "0"):
		return "+358" + n[1:]
	case strings.HasPrefix(n, "358"):
		return "+" + n
	}
	return n
}

// customerKeys are the search keys of a customer with the given fields.
func customerKeys(f map[string]string) (name, email, phone string) {
	return foldName(f["first_name"] + " " + f["last_name"]), emailKey(f["email"]), phoneKey(f["phone"])
}
