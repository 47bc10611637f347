package register

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FieldGroup is a group of register fields, as the privacy notice lists
// the kinds of data it keeps.
type FieldGroup struct {
	Title  string
	Fields []string // canonical field names
}

// FieldGroups are the register's fields in the privacy notice's groups:
// every field is in exactly one.
var FieldGroups = []FieldGroup{
	{"Identity and contact", []string{"customer_number", "company_name", "first_name", "last_name", "business_id",
		"street_address", "postal_code", "city", "country", "phone", "email", "contact_person", "title"}},
	{"Customer relationship", []string{"customer_since", "customer_until"}},
	{"Payment", []string{"payment_method", "payment_instrument", "payment_terms"}},
	{"Delivery", []string{"delivery_method", "delivery_details"}},
	{"Identifiers for services and electronic communication", []string{"service_ids", "communication_ids"}},
	{"Marketing", []string{"newsletter", "campaigns", "consents", "direct_marketing_ban", "market_research_ban"}},
	{"Billing, collection, credit and financing", []string{"billing", "collection", "credit", "financing"}},
	{"Contact history", []string{"contact_history"}},
	{"Analytics", []string{"analytics"}},
}

// fieldLabels are the English labels of the fields.
var fieldLabels = map[string]string{
	"customer_number": "Customer number", "company_name": "Company", "first_name": "First name",
	"last_name": "Last name", "business_id": "Business ID", "email": "E-mail", "phone": "Phone",
	"street_address": "Street address", "postal_code": "Postal code", "city": "City", "country": "Country",
	"contact_person": "Contact person", "title": "Title", "payment_method": "Payment method",
	"payment_instrument": "Payment instrument", "payment_terms": "Payment terms",
	"delivery_method": "Delivery method", "delivery_details": "Delivery details",
	"customer_since": "Customer since", "customer_until": "Customer until",
	"service_ids": "Service identifiers", "communication_ids": "Communication identifiers",
	"newsletter": "Newsletter", "campaigns": "Campaigns and communications", "billing": "Billing",
	"collection": "Collection", "credit": "Credit", "financing": "Financing",
	"contact_history": "Contact history", "consents": "Consents",
	"direct_marketing_ban": "Direct-marketing ban", "market_research_ban": "Market-research ban",
	"analytics": "Analytics", FieldEntry: "Entry", FieldRestricted: "Restriction",
}

// FieldLabel is the English label of a field, or the name itself.
func FieldLabel(name string) string {
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return name
}

// IsFlag says whether a field holds "0" or "1".
func IsFlag(name string) bool {
	for _, f := range customerFields {
		if f.Name == name {
			return f.Kind == kindFlag
		}
	}
	return false
}

// Card is everything about one register entry: its fields, its change log
// (oldest first) and the cases linked to it (newest first).
type Card struct {
	Customer
	Changes []CustomerChange `json:"changes"`
	Cases   []CaseRef        `json:"cases"`
}

// CaseRef is a case as a card lists it.
type CaseRef struct {
	ID         int64     `json:"-"`
	Tag        string    `json:"tag"`
	Status     string    `json:"status"`
	Subject    string    `json:"subject"` // from mail: untrusted
	ReceivedAt time.Time `json:"received_at"`
	Auto       bool      `json:"auto_linked"` // linked by matching
}

// CustomerCard returns the card of the entry with the given id.
func (db *DB) CustomerCard(ctx context.Context, id int64) (Card, error) {
	c, err := scanCustomer(db.r.QueryRowContext(ctx, customerSelect+` WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return Card{}, fmt.Errorf("customer %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Card{}, fmt.Errorf("read customer %d: %w", id, err)
	}
	card := Card{Customer: c, Cases: []CaseRef{}}
	if card.Changes, err = db.CustomerChanges(ctx, id); err != nil {
		return Card{}, fmt.Errorf("read the change log of %s: %w", c.Number, err)
	}
	if card.Changes == nil {
		card.Changes = []CustomerChange{}
	}
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.tag, c.status, c.subject, c.received_at, cc.auto
		FROM case_customers cc JOIN cases c ON c.id = cc.case_id
		WHERE cc.customer_id = ? ORDER BY c.received_at DESC, c.id DESC`, id)
	if err != nil {
		return Card{}, fmt.Errorf("read the cases of %s: %w", c.Number, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r CaseRef
		var at int64
		if err := rows.Scan(&r.ID, &r.Tag, &r.Status, &r.Subject, &at, &r.Auto); err != nil {
			return Card{}, err
		}
		r.ReceivedAt = time.Unix(at, 0).In(Helsinki)
		card.Cases = append(card.Cases, r)
	}
	return card, rows.Err()
}
