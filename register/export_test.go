package register

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// fullL1 is every field of Matti Virtanen's entry L-1, as the second
// import sets them.
var fullL1 = map[string]string{
	"customer_number": "L-1", "company_name": "Esimerkki Oy", "first_name": "Matti", "last_name": "Virtanen",
	"business_id": "0112038-9", "email": "matti.virtanen@esimerkki.fi", "phone": "+358 40 123 4567",
	"street_address": "Esimerkkikatu 1 A 2", "postal_code": "01510", "city": "Vantaa", "country": "Suomi",
	"contact_person": "Matti Virtanen", "title": "Ostopäällikkö", "payment_method": "lasku",
	"payment_instrument": "IBAN FI21 1234 5600 0007 85", "payment_terms": "14 pv netto",
	"delivery_method": "nouto", "delivery_details": "Lastauslaituri 3", "customer_since": "2018-02-01",
	"customer_until": "2026-12-31", "service_ids": "portaali mv-0042", "communication_ids": "teams matti.v",
	"newsletter": "1", "campaigns": "Kevätkampanja 2025", "billing": "Laskuja 2024: 12 kpl",
	"collection": "ei perintää", "credit": "luottoraja 5000 EUR", "financing": "osamaksu 2023",
	"contact_history": "2026-01-10 puhelu tarjouksesta\n2026-03-02 käynti Vantaalla",
	"consents":        "suoramarkkinointi 2019-05-01", "direct_marketing_ban": "0", "market_research_ban": "1",
	"analytics": "segmentti B",
}

// importCSV imports rows given as maps, under a header of every field.
func importCSV(t *testing.T, db *DB, name string, rows ...map[string]string) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	fields := CustomerFieldNames()
	w.Write(fields)
	for _, r := range rows {
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = r[f]
		}
		w.Write(rec)
	}
	w.Flush()
	if _, err := db.ImportCustomers(context.Background(), &b, name, false); err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
}

// exportCase sets up a register with Matti Virtanen (L-1, every field
// set; L-7, a second company whose contact person is a colleague) and his
// namesake L-2, and a request a colleague forwarded from Matti, linked to
// L-1 (by matching) and L-7 (by an officer). It returns the case's id.
func exportCase(t *testing.T, db *DB) int64 {
	t.Helper()
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	l7 := map[string]string{"customer_number": "L-7", "company_name": "Virtasen Varasto Oy", "first_name": "Matti",
		"last_name": "Virtanen", "email": "matti@varasto.example", "contact_person": "Kaisa Kollega",
		"delivery_details": "<script>alert(1)</script> & co"}
	importCSV(t, db, "customers-export.csv", fullL1, l7)
	l7["contact_person"] = "Ville Kollega"
	importCSV(t, db, "customers-export-2.csv", fullL1, l7)

	m := request(1, time.Date(2026, 11, 2, 9, 1, 0, 0, time.UTC), "kaisa.kollega@sesoma.fi")
	m.From.Name = "Kaisa Kollega"
	m.Requester = Person{Email: "matti.virtanen@esimerkki.fi", Name: "Matti Virtanen"}
	m.StaffForward = true
	m.Text = "Asiakkaan pyyntö alla.\n\nHaluan nähdä kaikki tietoni. T. Matti Virtanen"
	c := openCaseFrom(t, db, 1, m)
	if !slices.Equal(c.Customers, []string{"L-1"}) {
		t.Fatalf("matching linked %v, want L-1", c.Customers)
	}
	if err := db.Link(ctx, c.ID, c.Version, customer(t, db, "L-7").ID); err != nil {
		t.Fatal(err)
	}
	// The language as for a case stored before languages were known.
	if _, err := db.w.Exec(`UPDATE cases SET lang = ''; UPDATE messages SET lang = ''`); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// exportDir is a folder for exports, not yet made (t.TempDir is 0755).
func exportDir(t *testing.T) string { return filepath.Join(t.TempDir(), "exports") }

// readExport reads the files of an export by name.
func readExport(t *testing.T, res ExportResult) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range res.Files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}

// accessJSON is data.json's documented shape.
type accessJSON struct {
	Case        string `json:"case"`
	GeneratedAt string `json:"generated_at"`
	Language    string `json:"language"`
	Entries     []struct {
		Number     string            `json:"customer_number"`
		Restricted bool              `json:"restricted"`
		ErasedAt   *string           `json:"erased_at"`
		Fields     map[string]string `json:"fields"`
		Withheld   []string          `json:"withheld"`
		Changes    []struct {
			At     string `json:"at"`
			Field  string `json:"field"`
			Old    string `json:"old"`
			New    string `json:"new"`
			Case   string `json:"case"`
			Source string `json:"source"`
		} `json:"changes"`
	} `json:"entries"`
	Messages []struct {
		ReceivedAt string `json:"received_at"`
		From       string `json:"from"`
		Subject    string `json:"subject"`
		Text       string `json:"text"`
	} `json:"messages"`
}

func TestExportAccess(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	caseID := exportCase(t, db)
	erased := time.Date(2026, 11, 20, 10, 0, 0, 0, Helsinki)
	if _, err := db.w.Exec(`UPDATE customers SET restricted = 1, erased_at = ? WHERE customer_number = 'L-7'`, erased.Unix()); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "exports")
	now := time.Date(2026, 11, 24, 20, 46, 5, 0, time.UTC)
	res, err := db.ExportAccess(ctx, caseID, ExportOptions{Dir: dir, Recipients: []string{"Posti Oy (toimitukset)"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := db.CaseByID(ctx, caseID)
	if want := filepath.Join(dir, c.Tag+"-access-20261124-224605"); res.Folder != want || res.Lang != "fi" ||
		!slices.Equal(res.Entries, []string{"L-1", "L-7"}) || len(res.Files) != 4 {
		t.Fatalf("result %+v, want folder %s in Finnish for L-1 and L-7", res, want)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, res.Folder: 0o700} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v %v, want %04o", p, fi.Mode(), err, want)
		}
	}
	for _, p := range res.Files {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 || filepath.Dir(p) != res.Folder {
			t.Errorf("%s: %v %v, want 0600 in the folder", p, fi.Mode(), err)
		}
	}
	files := readExport(t, res)
	md, html := files["report.md"], stdhtml.UnescapeString(files["report.html"])

	// Every field of the linked entry, in Finnish, with its value.
	for _, f := range CustomerFieldNames() {
		if !strings.Contains(md, "- "+FieldLabelIn("fi", f)+":") || !strings.Contains(html, FieldLabelIn("fi", f)) {
			t.Errorf("report lacks the field %s (%s)", f, FieldLabelIn("fi", f))
		}
		if IsFlag(f) {
			continue
		}
		for _, line := range strings.Split(fullL1[f], "\n") {
			if !strings.Contains(md, line) || !strings.Contains(html, line) {
				t.Errorf("report lacks %s's value %q", f, line)
			}
		}
	}
	for _, want := range []string{"- Uutiskirje: kyllä", "- Markkinatutkimuskielto: kyllä", "- Suoramarkkinointikielto: ei",
		"Rekisteriote: " + c.Tag, "Asiakastietue L-1", "Asiakastietue L-7", "Muutoshistoria", "tietue luotu",
		"tuotu tiedostosta customers-export.csv", "Postitoimipaikka: — → Vantaa",
		"report.html", "data.json", "data.csv", "Asian viestit", "Lähettäjä: Sesoman henkilökunta", "Haluan nähdä kaikki tietoni.",
		"Vastaanottaja: Matti Virtanen \\<matti.virtanen@esimerkki.fi\\>", "Posti Oy (toimitukset)",
		"Tämän tietueen käsittelyä on rajoitettu", "Tämän tietueen henkilötiedot poistettiin 20.11.2026;", "Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki",
		"Oikeus tietojen oikaisemiseen", "ei näytetä: toinen henkilö"} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if strings.Count(md, "Tämän tietueen käsittelyä on rajoitettu") != 1 {
		t.Errorf("only L-7 is restricted:\n%s", md)
	}

	// Another person's data is in no file: the namesake's entry, the
	// colleague in L-7 (now and in its change log), the colleague who
	// forwarded the request.
	for name, text := range files {
		for _, other := range []string{"Kumpula", "kumpularakennus", "765 4321", "2734561-5", "Kollega", "kollega"} {
			if strings.Contains(text, other) {
				t.Errorf("%s holds another person's %q", name, other)
			}
		}
	}

	// HTML escapes everything; Markdown makes no markup of values.
	html = files["report.html"]
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") {
		t.Errorf("report.html does not escape a field")
	}
	if strings.Contains(md, "<script>") || !strings.Contains(md, `\<script\>alert(1)\</script\> \& co`) {
		t.Errorf("report.md does not escape a field")
	}
	if !strings.Contains(html, "<h3>Oikeutesi</h3>") || !strings.Contains(html, "<li>Posti Oy (toimitukset)</li>") {
		t.Errorf("report.html lacks the notice")
	}

	// data.json: the documented shape, exact values.
	var js accessJSON
	dec := json.NewDecoder(strings.NewReader(files["data.json"]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&js); err != nil {
		t.Fatalf("data.json: %v", err)
	}
	if js.Case != c.Tag || js.Language != "fi" || js.GeneratedAt != "2026-11-24T22:46:05+02:00" || len(js.Entries) != 2 {
		t.Fatalf("data.json: %+v", js)
	}
	l1, l7 := js.Entries[0], js.Entries[1]
	if l1.Number != "L-1" || l1.Restricted || l1.ErasedAt != nil || len(l1.Withheld) != 0 || len(l1.Fields) != len(fullL1) {
		t.Errorf("L-1 in data.json: %+v", l1)
	}
	for f, v := range fullL1 {
		if l1.Fields[f] != v {
			t.Errorf("data.json L-1 %s = %q, want %q", f, l1.Fields[f], v)
		}
	}
	if len(l1.Changes) == 0 || l1.Changes[0].Field != FieldEntry || l1.Changes[0].Source != "import customers-link.csv" {
		t.Errorf("L-1's change log: %+v", l1.Changes)
	}
	if l7.Number != "L-7" || !l7.Restricted || l7.ErasedAt == nil || *l7.ErasedAt != "2026-11-20T10:00:00+02:00" || !slices.Equal(l7.Withheld, []string{"contact_person"}) ||
		l7.Fields["contact_person"] != "ei näytetä: toinen henkilö" {
		t.Errorf("L-7 in data.json: %+v", l7)
	}
	n := 0
	for _, ch := range l7.Changes {
		if ch.Field == "contact_person" {
			n++
			if ch.Old != "ei näytetä: toinen henkilö" || ch.New != "ei näytetä: toinen henkilö" {
				t.Errorf("L-7's contact person change shows %q → %q", ch.Old, ch.New)
			}
		}
	}
	if n != 1 {
		t.Errorf("L-7 has %d contact person changes, want 1", n)
	}
	if len(js.Messages) != 1 || js.Messages[0].From != "Sesoman henkilökunta" || js.Messages[0].Subject != "Tietopyyntö" ||
		!strings.Contains(js.Messages[0].Text, "Haluan nähdä kaikki tietoni.") || js.Messages[0].ReceivedAt != "2026-11-02T11:01:00+02:00" {
		t.Errorf("messages in data.json: %+v", js.Messages)
	}

	// data.csv: one row per entry and field.
	rows, err := csv.NewReader(strings.NewReader(files["data.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+2*len(fullL1) || !slices.Equal(rows[0], []string{"customer_number", "field", "value"}) {
		t.Fatalf("data.csv: %d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if r[0] == "L-1" && r[2] != fullL1[r[1]] {
			t.Errorf("data.csv: %v, want %q", r, fullL1[r[1]])
		}
	}

	// Recorded with the case: the action with its files, an audit entry
	// naming the folder and the entries, no values.
	acts, err := db.Actions(ctx, caseID)
	if err != nil || len(acts) != 1 || acts[0].Action != ActionAccess || !slices.Equal(acts[0].Files, exportFiles) ||
		len(acts[0].Entries) != 2 || acts[0].Entries[0].Number != "L-1" {
		t.Errorf("actions: %+v %v", acts, err)
	}
	trail, _ := db.Audit(ctx, caseID)
	last := trail[len(trail)-1]
	if last.Action != "access report written" || !strings.Contains(last.Detail, filepath.Base(res.Folder)) ||
		!strings.Contains(last.Detail, "L-1, L-7") || strings.Contains(last.Detail, "@") || strings.Contains(last.Detail, "Virtanen") {
		t.Errorf("audit: %+v", last)
	}

	// The same second again: a folder of its own.
	again, err := db.ExportAccess(ctx, caseID, ExportOptions{Dir: dir, Now: now})
	if err != nil || again.Folder != res.Folder+"-2" {
		t.Errorf("second export: %+v %v", again, err)
	}
}

// TestExportLanguages: each language has its own headings, labels and
// notice, all naming the supervisory authority.
func TestExportLanguages(t *testing.T) {
	db := openTest(t)
	caseID := exportCase(t, db)
	want := map[string][]string{
		"fi": {"Rekisteriote", "Sukunimi: Virtanen", "Oikeus tietojen oikaisemiseen", "Oikeus tietojen poistamiseen",
			"Oikeus käsittelyn rajoittamiseen", "Oikeus vastustaa käsittelyä", "Oikeus siirtää tiedot", "Säilytysaika",
			"Kirjanpitolain (2 luvun 10 §)", "Sesoma ei luovuta rekisterin tietoja kenellekään", "Mistä tiedot saadaan", "Automaattinen päätöksenteko"},
		"sv": {"Registerutdrag", "Efternamn: Virtanen", "Rätt till rättelse", "Rätt till radering", "Rätt till begränsning av behandling",
			"Rätt att göra invändningar", "Rätt till dataportabilitet", "Hur länge uppgifterna sparas", "bokföringslagen",
			"Sesoma lämnar inte ut uppgifter", "Varifrån uppgifterna kommer", "Automatiserat beslutsfattande", "Sesomas personal"},
		"en": {"Access report", "Last name: Virtanen", "Right to rectification", "Right to erasure", "Right to restriction of processing",
			"Right to object", "Right to data portability", "How long the data is kept", "Accounting Act",
			"Sesoma does not disclose data", "Where the data comes from", "Automated decisions", "Sesoma staff"},
	}
	for lang, phrases := range want {
		res, err := db.ExportAccess(context.Background(), caseID, ExportOptions{Dir: exportDir(t), Lang: lang})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		files := readExport(t, res)
		for _, p := range append(phrases, "Tietosuojavaltuutetun toimisto", "PL 800, 00531 Helsinki", "tietosuoja@om.fi", "www.tietosuoja.fi") {
			if !strings.Contains(files["report.md"], p) {
				t.Errorf("%s: report.md lacks %q", lang, p)
			}
			if p = strings.SplitN(p, ":", 2)[0]; !strings.Contains(stdhtml.UnescapeString(files["report.html"]), p) {
				t.Errorf("%s: report.html lacks %q", lang, p)
			}
		}
		for other, phrases := range want {
			if other != lang && strings.Contains(files["report.md"], phrases[2]) {
				t.Errorf("%s report holds the %s heading %q", lang, other, phrases[2])
			}
		}
		if !strings.Contains(files["data.json"], `"language": "`+lang+`"`) {
			t.Errorf("%s: data.json does not name its language", lang)
		}
	}
	if _, err := db.ExportAccess(context.Background(), caseID, ExportOptions{Dir: exportDir(t), Lang: "de"}); err == nil ||
		!strings.Contains(err.Error(), `language "de"`) {
		t.Errorf("German: %v", err)
	}
}

// TestExportLanguageOfTheCase: the case's language; for an old case
// without one, its messages'; else Finnish.
func TestExportLanguageOfTheCase(t *testing.T) {
	db := openTest(t)
	caseID := exportCase(t, db)
	for _, c := range []struct{ sql, want string }{
		{`SELECT 1`, "fi"},
		{`UPDATE messages SET lang = 'sv'`, "sv"},
		{`UPDATE cases SET lang = 'en'`, "en"},
	} {
		if _, err := db.w.Exec(c.sql); err != nil {
			t.Fatal(err)
		}
		res, err := db.ExportAccess(context.Background(), caseID, ExportOptions{Dir: exportDir(t)})
		if err != nil || res.Lang != c.want {
			t.Errorf("after %s: %q %v, want %s", c.sql, res.Lang, err, c.want)
		}
	}
}

// TestExportRefusals: no linked entry, a folder every user can reach, a
// missing or broken notice file — each refused, nothing written or kept.
func TestExportRefusals(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	lone := openCaseFrom(t, db, 1, linkMsg(1, "Nobody Known", "nobody@example.org", "Mitä tietoja minusta on?"))
	dir := filepath.Join(t.TempDir(), "exports")
	if _, err := db.ExportAccess(ctx, lone.ID, ExportOptions{Dir: dir}); !errors.Is(err, ErrNoLinkedEntry) ||
		!strings.Contains(err.Error(), lone.Tag) {
		t.Errorf("no linked entry: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused export made its folder: %v", err)
	}

	db = openTest(t) // a register of its own: exportCase opens its case from UID 1 too
	caseID := exportCase(t, db)
	open := t.TempDir()
	os.Chmod(open, 0o755)
	if _, err := db.ExportAccess(ctx, caseID, ExportOptions{Dir: open}); err == nil || !strings.Contains(err.Error(), "chmod o-rwx "+open) {
		t.Errorf("world-readable folder: %v", err)
	}
	notices := t.TempDir()
	os.WriteFile(filepath.Join(notices, "notice.fi.md"), []byte("{{if .Recipients}}"), 0o600)
	for lang, want := range map[string]string{"fi": filepath.Join(notices, "notice.fi.md") + " is broken",
		"sv": filepath.Join(notices, "notice.sv.md") + ": open"} {
		out := exportDir(t)
		_, err := db.ExportAccess(ctx, caseID, ExportOptions{Dir: out, NoticeDir: notices, Lang: lang})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s notice: %v, want %q", lang, err, want)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s notice: the export folder was made: %v", lang, err)
		}
	}
	if acts, _ := db.Actions(ctx, caseID); len(acts) != 0 {
		t.Errorf("refused exports recorded: %+v", acts)
	}
}

// TestExportNoticeOverride: the officer's own notice text replaces the
// built-in one, with the recipients as its data.
func TestExportNoticeOverride(t *testing.T) {
	db := openTest(t)
	caseID := exportCase(t, db)
	notices := t.TempDir()
	text := "## Oma seloste\n\nVastaanottajat:\n\n{{range .Recipients}}- {{.}}\n{{else}}ei ketään\n{{end}}\nAsia {{.Case}}, kieli {{.Lang}}.\n"
	if err := os.WriteFile(filepath.Join(notices, "notice.fi.md"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := db.ExportAccess(context.Background(), caseID, ExportOptions{Dir: exportDir(t), NoticeDir: notices,
		Recipients: []string{"Posti Oy", "Tilitoimisto <Esimerkki> Oy"}})
	if err != nil {
		t.Fatal(err)
	}
	files := readExport(t, res)
	md, html := files["report.md"], files["report.html"]
	if !strings.Contains(md, "## Oma seloste") || !strings.Contains(md, "- Posti Oy\n- Tilitoimisto <Esimerkki> Oy\n") ||
		!regexp.MustCompile(`Asia DSR-\d{4}-\d{4}, kieli fi\.`).MatchString(md) || strings.Contains(md, "Oikeus tietojen oikaisemiseen") {
		t.Errorf("report.md does not use the override:\n%s", md)
	}
	if !strings.Contains(html, "<h2>Oma seloste</h2>") || !strings.Contains(html, "<li>Tilitoimisto &lt;Esimerkki&gt; Oy</li>") {
		t.Errorf("report.html does not use the override, escaped")
	}
}

// TestExportRecordRefusesAChangedEntry: an entry that changed after the
// report read it is not recorded as reported.
func TestExportRecordRefusesAChangedEntry(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	caseID := exportCase(t, db)
	d, err := db.exportData(ctx, caseID, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(`UPDATE customers SET version = version + 1 WHERE customer_number = 'L-7'`); err != nil {
		t.Fatal(err)
	}
	if err := db.recordExport(ctx, d, "folder"); err == nil || !strings.Contains(err.Error(), "entry L-7 changed") {
		t.Errorf("changed entry: %v", err)
	}
	if _, err := db.w.Exec(`UPDATE cases SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	if err := db.recordExport(ctx, d, "folder"); !errors.Is(err, ErrConflict) {
		t.Errorf("changed case: %v", err)
	}
	if acts, _ := db.Actions(ctx, caseID); len(acts) != 0 {
		t.Errorf("recorded: %+v", acts)
	}
}

// TestExportLeavesOutTheEarlierContact: an entry whose person changed (the
// company's contact was replaced) shows the new person nothing of the
// earlier one; a note to a colleague about the case is not correspondence.
func TestExportLeavesOutTheEarlierContact(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	importCSV(t, db, "k1.csv", map[string]string{"customer_number": "K-1", "company_name": "Kauppa Oy",
		"first_name": "Liisa", "last_name": "Edeltäjä", "email": "liisa.edeltaja@kauppa.example", "phone": "040 123 0001"})
	time.Sleep(10 * time.Millisecond) // the change log orders by time
	importCSV(t, db, "k1b.csv", map[string]string{"customer_number": "K-1", "company_name": "Kauppa Oy",
		"first_name": "Anna", "last_name": "Uusi", "email": "anna.uusi@kauppa.example", "phone": "040 123 0002"})
	c := openCaseFrom(t, db, 1, linkMsg(1, "Anna Uusi", "anna.uusi@kauppa.example", "Haluan nähdä tietoni."))
	note := Message{UID: 2, MessageID: "note@sesoma.fi", Hash: "note", ReceivedAt: time.Now(),
		From: Person{Email: "tietosuoja@sesoma.fi"}, Subject: "[" + c.Tag + "] kysymys",
		Headers: "To: myynti@sesoma.fi\n", Disposition: DispositionSent, Thread: Thread{Tag: c.Tag},
		Raw: []byte("note"), Size: 4, Text: "Myynti: onko Liisan tilaus vielä auki?"}
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "Sent", UIDValidity: 1, LastUID: 2, Messages: []Message{note}}); err != nil {
		t.Fatal(err)
	}
	res, err := db.ExportAccess(ctx, c.ID, ExportOptions{Dir: exportDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range readExport(t, res) {
		for _, other := range []string{"Liisa", "liisa.edeltaja", "040 123 0001", "Edeltäjä"} {
			if strings.Contains(text, other) {
				t.Errorf("%s holds the earlier contact's %q", name, other)
			}
		}
		if !strings.Contains(text, "anna.uusi@kauppa.example") {
			t.Errorf("%s lacks Anna's own address", name)
		}
	}
}
