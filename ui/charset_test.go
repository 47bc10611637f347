package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/inbox"
	"dsrdesk/register"
)

// TestCharsetsInDetail: mail in the charsets Finnish and Swedish senders use
// goes through the real parser and database and reads right on the detail
// screen.
func TestCharsetsInDetail(t *testing.T) {
	cases := []struct {
		file  string
		words []string // the requester's name, the subject, words from the body
	}{
		{"latin1-qp.eml", []string{"Mäkinen, Päivi", "Pyyntö: henkilötietojeni tarkastus", "Jyväskylässä", "Åbo/Turku"}},
		{"win1252-8bit.eml", []string{"Åsa Lindström", "Begäran om radering av personuppgifter", "dataskyddsförordningen", "49,90 €", "”sparar uppgifterna tills vidare”"}},
		{"utf8-base64.eml", []string{"Henkilötietojen tarkastuspyyntö – access request", "Hyvä vastaanottaja", "— Päivi Mäkinen"}},
		{"html-only.eml", []string{"Juha Hämäläinen", "Tilin poisto", "haluan poistaa tilini", "12,50 €", "- Uutiskirje"}},
		{"mislabelled.eml", []string{"Tietopyyntö / Järvinen"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "inbox", "testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			m := inbox.NewMail("INBOX", 1, 1, testNow.AddDate(0, 0, -3), int64(len(raw)), raw, nil)
			var headers strings.Builder
			for _, h := range m.Headers {
				headers.WriteString(h.Key + ": " + h.Value + "\n")
			}
			db := openDB(t)
			store(t, db, register.Message{
				UID: 1, MessageID: m.MessageID, Hash: m.Hash, ReceivedAt: m.InternalDate, Size: m.Size,
				From: register.Person{Email: m.From.Email, Name: m.From.Name}, Subject: m.Subject,
				Headers: headers.String(), Text: m.Text, ParseError: m.ParseError,
				Disposition: register.DispositionRequest, Raw: raw,
			})
			d := newDriver(t, db, Options{})
			d.send(tea.WindowSizeMsg{Width: 120, Height: 60})
			d.press("enter")
			d.mustShow(c.words...)
			d.mustNotShow("�", "Ã", "=E4", "&auml;")
		})
	}
}
