package register

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Candidate is a register entry a case may concern, with the evidence.
type Candidate struct {
	Customer
	Evidence []string // why, strongest first; for a linked entry, what was recorded when it was linked
	Score    int      // the evidence's weight; StrongScore or more is strong
	Linked   bool     // the entry is linked to the case
	Auto     bool     // linked by matching rather than by an officer
}

// Strong says whether the evidence alone identifies the entry.
func (c Candidate) Strong() bool { return c.Score >= StrongScore }

// StrongScore is the weight of evidence that identifies an entry on its
// own: the sender's address on file, a customer number, the name together
// with the company or a phone number.
const StrongScore = 70

// The weights of the evidence.
const (
	scoreSenderAddress = 100 // the sender's address is the one on file
	scoreLabelledNo    = 90  // a customer number, labelled as one or with its letters
	scorePhone         = 50  // a phone number on file (a company's switchboard is shared)
	scoreCompany       = 50  // with a matching name: the company named in the text, or its mail domain
	scoreTextAddress   = 40  // an address on file mentioned in the text
	scoreBusinessID    = 40  // a valid business ID: the company, not yet the person
	scoreBareNumber    = 30  // a bare number equal to a customer number (or a postal code, a year…)
	scoreName          = 30  // the sender's name
	scoreOtherName     = -60 // the sender signs with a name that is not the entry's person
)

// maxNamesakes is how many entries with the sender's name matching looks
// at; at a million entries a common name has dozens.
const maxNamesakes = 50

// querier is what matching reads through: the reader pool or a
// transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// matchInput is what matching knows of a case.
type matchInput struct {
	Sender Person // the requester: the original sender of a forwarded request
	Text   string // the subjects and texts of the case's requests and follow-ups
}

// matchCase ranks the register entries the input points at, strongest
// first; entries with no evidence are left out. Each kind of evidence is
// one indexed query for all its keys, and the entries found are read at
// the end in one more: a case costs a handful of queries whatever its text.
func matchCase(ctx context.Context, q querier, in matchInput) ([]Candidate, error) {
	m := matcher{ctx: ctx, q: q, byID: map[int64]*Candidate{}}
	text := in.Text
	sender := emailKey(in.Sender.Email)
	if sender != "" {
		m.lookup("email_key", []string{sender}, func(string) (int, string) {
			return scoreSenderAddress, "the sender's address " + sender + " is on file"
		})
	}
	var addresses []string
	for _, a := range distinct(addressPattern.FindAllString(text, 20), emailKey) {
		if a != sender {
			addresses = append(addresses, a)
		}
	}
	m.lookup("email_key", addresses, func(a string) (int, string) {
		return scoreTextAddress, "the address " + a + " in the text is on file"
	})
	labelled := map[string]bool{}
	var numbers []string
	for _, n := range numberCandidates(text) {
		for _, k := range []string{n.number, strings.ToUpper(n.number)} {
			labelled[k] = labelled[k] || n.labelled
			if !slices.Contains(numbers, k) {
				numbers = append(numbers, k)
			}
		}
	}
	m.lookup("customer_number", numbers, func(n string) (int, string) {
		if labelled[n] {
			return scoreLabelledNo, "customer number " + n + " in the text"
		}
		return scoreBareNumber, "the number " + n + " in the text is a customer number"
	})
	var ids []string
	for _, id := range distinct(businessIDPattern.FindAllString(text, 20), strings.TrimSpace) {
		if CheckBusinessID(id) == nil {
			ids = append(ids, id)
		}
	}
	m.lookup("business_id", ids, func(id string) (int, string) {
		return scoreBusinessID, "business ID " + id + " in the text"
	})
	m.lookup("phone_key", phoneCandidates(text), func(p string) (int, string) {
		return scorePhone, "the phone number " + p + " in the text is on file"
	})
	named := m.lookup("name_key", nameKeys(in.Sender.Name), func(string) (int, string) {
		return scoreName, "the sender's name " + in.Sender.Name
	})
	m.load()
	folded := foldName(text)
	for id, c := range m.byID {
		if slices.Contains(named, id) {
			if why := companyEvidence(c.Customer, in.Sender, folded); why != "" {
				m.add(id, scoreCompany, why)
			}
		}
		if otherPerson(in.Sender.Name, c.Customer) {
			m.add(id, scoreOtherName, "but the sender's name "+in.Sender.Name+" is not the entry's")
		}
	}
	if m.err != nil {
		return nil, fmt.Errorf("match against the register: %w", m.err)
	}
	out := make([]Candidate, 0, len(m.byID))
	for _, c := range m.byID {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(a.Number, b.Number)
	})
	return out, nil
}

// matcher gathers candidates and their evidence.
type matcher struct {
	ctx  context.Context
	q    querier
	byID map[int64]*Candidate
	err  error
}

// lookup finds the entries whose column holds one of keys (at most
// maxNamesakes per key), adds to each the evidence of its key, and returns
// their ids.
func (m *matcher) lookup(column string, keys []string, evidence func(key string) (int, string)) (found []int64) {
	if m.err != nil || len(keys) == 0 {
		return nil
	}
	rows, err := m.q.QueryContext(m.ctx, `SELECT id, `+column+` FROM customers WHERE `+column+` IN (?`+
		strings.Repeat(", ?", len(keys)-1)+fmt.Sprintf(`) LIMIT %d`, maxNamesakes*len(keys)), anys(keys)...)
	if err != nil {
		m.err = err
		return nil
	}
	defer rows.Close()
	per := map[string]int{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			m.err = err
			return nil
		}
		if per[key]++; per[key] <= maxNamesakes {
			score, why := evidence(key)
			m.add(id, score, why)
			found = append(found, id)
		}
	}
	m.err = rows.Err()
	return found
}

// add records one piece of evidence for entry id.
func (m *matcher) add(id int64, score int, evidence string) {
	cand := m.byID[id]
	if cand == nil {
		cand = &Candidate{}
		m.byID[id] = cand
	}
	if !slices.Contains(cand.Evidence, evidence) {
		cand.Evidence = append(cand.Evidence, evidence)
		cand.Score += score
	}
}

// load reads the entries evidence was found for.
func (m *matcher) load() {
	if m.err != nil || len(m.byID) == 0 {
		return
	}
	ids := make([]any, 0, len(m.byID))
	for id := range m.byID {
		ids = append(ids, id)
	}
	rows, err := m.q.QueryContext(m.ctx, customerSelect+` WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
	if err != nil {
		m.err = err
		return
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			m.err = err
			return
		}
		m.byID[c.ID].Customer = c
	}
	m.err = rows.Err()
}

// companyEvidence says how the text or the sender's address points at c's
// company, or "". A company is named in the text by its whole name, or by
// a name of two words or more without its legal form: "Data Oy" is named
// by "Data Oy", not by "data".
func companyEvidence(c Customer, sender Person, text string) string {
	company := c.Fields["company_name"]
	whole := strings.Join(wordsOf(foldName(company)), " ")
	core := companyCore(company)
	if (len(wordsOf(core)) >= 2 && containsWords(text, core)) || (core != "" && containsWords(text, whole)) {
		return "with the company " + company + " named in the text"
	}
	_, domain, _ := strings.Cut(emailKey(sender.Email), "@")
	_, onFile, _ := strings.Cut(emailKey(c.Fields["email"]), "@")
	if domain != "" && domain == onFile && !webmail[domain] && company != "" {
		return "with the company " + company + "'s mail domain " + domain
	}
	return ""
}

// webmail are mail domains that say nothing of an employer.
var webmail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "hotmail.com": true, "hotmail.fi": true, "outlook.com": true,
	"live.com": true, "msn.com": true, "yahoo.com": true, "icloud.com": true, "me.com": true, "aol.com": true,
	"proton.me": true, "protonmail.com": true, "gmx.com": true, "gmx.net": true, "luukku.com": true,
	"suomi24.fi": true, "elisanet.fi": true, "kolumbus.fi": true, "welho.com": true, "pp.inet.fi": true,
	"saunalahti.fi": true, "dnainternet.net": true, "netti.fi": true, "telia.com": true, "example.com": true,
}

// legalForms are the words of a company name that say its form, not its
// identity.
var legalForms = map[string]bool{
	"oy": true, "oyj": true, "ab": true, "abp": true, "ky": true, "ay": true, "tmi": true, "ry": true,
	"ltd": true, "inc": true, "gmbh": true, "as": true, "aps": true, "llc": true, "plc": true, "co": true,
}

// companyCore is a company's name folded, without its legal form.
func companyCore(name string) string {
	var out []string
	for _, w := range wordsOf(foldName(name)) {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// containsWords says whether the folded text holds the words of phrase in
// a row, whole.
func containsWords(text, phrase string) bool {
	return strings.Contains(" "+strings.Join(wordsOf(text), " ")+" ", " "+phrase+" ")
}

// wordsOf splits folded text into its words of letters and digits.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// otherPerson says whether the sender's display name names someone else
// than the person of entry c: none of the sender's name words is one of
// the entry's (an initial matches a word it begins). A sender without a
// name of two words, or an entry without a person, says nothing.
func otherPerson(sender string, c Customer) bool {
	if i := strings.IndexByte(sender, '('); i > 0 {
		sender = sender[:i]
	}
	theirs := wordsOf(foldName(sender))
	ours := wordsOf(foldName(c.Fields["first_name"] + " " + c.Fields["last_name"]))
	if len(theirs) < 2 || len(ours) == 0 || strings.Contains(sender, "@") {
		return false
	}
	for _, w := range theirs {
		for _, o := range ours {
			if w == o || (len([]rune(w)) == 1 && strings.HasPrefix(o, w)) {
				return false
			}
		}
	}
	return true
}

// nameKeys are the name_key values a sender's display name may have on
// file: as written, reversed ("Virtanen, Matti"), and without middle names.
func nameKeys(name string) []string {
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i] // "Matti Virtanen (Esimerkki Oy)"
	}
	w := strings.Fields(foldName(strings.NewReplacer(",", " ", "\"", " ", "'", " ").Replace(name)))
	if len(w) < 2 || strings.Contains(name, "@") {
		return nil
	}
	keys := []string{strings.Join(w, " ")}
	if len(w) == 2 {
		keys = append(keys, w[1]+" "+w[0])
	} else {
		keys = append(keys, w[0]+" "+w[len(w)-1], w[len(w)-1]+" "+w[0])
	}
	return keys
}

var (
	addressPattern    = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	businessIDPattern = regexp.MustCompile(`\b\d{7}-\d\b`)
	phonePattern      = regexp.MustCompile(`(?:\+|\b00|\b0)\d[\d \-]{5,30}\d\b`)
	numberPattern     = regexp.MustCompile(`\b(?:[A-Za-z]{1,4}-?\d{1,12}|\d{3,12})\b`)
	// numberLabel precedes a customer number in Finnish, Swedish or
	// English, folded.
	numberLabel = regexp.MustCompile(`(asiakasnumero|asiakasnro|asiakas nro|asiakastunnus|kundnummer|kundnr|kund nr|customer number|customer no|customer id|account number|client number)\w*\W{0,3}(on|ar|is)?\W{0,3}$`)
)

// numberCandidate is a token of the text that may be a customer number.
type numberCandidate struct {
	number   string
	labelled bool // preceded by "asiakasnumero" or the like, or holding letters
}

// numberCandidates finds up to 30 tokens that may be customer numbers.
func numberCandidates(text string) []numberCandidate {
	var out []numberCandidate
	seen := map[string]bool{}
	for _, loc := range numberPattern.FindAllStringIndex(text, 200) {
		n := strings.ToUpper(text[loc[0]:loc[1]])
		if seen[n] || len(out) == 30 {
			continue
		}
		seen[n] = true
		before := foldName(text[max(0, loc[0]-40):loc[0]])
		labelled := strings.ContainsFunc(n, unicode.IsLetter) || numberLabel.MatchString(before)
		out = append(out, numberCandidate{number: n, labelled: labelled})
	}
	return out
}

// phoneCandidates finds up to 20 phone numbers in the text, as phone
// keys. A run of digit groups may hold two numbers side by side ("040 123
// 4567 050 765 4321"): every stretch of its groups that starts like a
// number and has 8 to 13 digits is a candidate.
func phoneCandidates(text string) []string {
	var out []string
	for _, run := range phonePattern.FindAllString(text, 20) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		for i, g := range groups {
			if !strings.HasPrefix(g, "0") && !strings.HasPrefix(g, "+") {
				continue
			}
			n := ""
			for _, h := range groups[i:] {
				n += h
				if d := digits(n); d >= 8 && d <= 13 {
					if k := phoneKey(n); !slices.Contains(out, k) && len(out) < 20 {
						out = append(out, k)
					}
				} else if d > 13 {
					break
				}
			}
		}
	}
	return out
}

// distinct applies key to each value and drops empty and repeated keys.
func distinct(values []string, key func(string) string) []string {
	var out []string
	for _, v := range values {
		if k := key(v); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// digits counts the digits of s.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
