package inbox

import (
	"strings"
	"sync"
)

// lexFeature is what a word or phrase contributes: one bit per feature.
type lexFeature uint64

// The features. Cues (the kind words) need support near them: an ask and an
// object; the rest are that support or mark mail that is no request.
const (
	// The writer's voice.
	fAsk      lexFeature = 1 << iota // the writer asks or wants: haluan, pyydän, please, jag vill
	fImp                             // a bare imperative (delete, radera, poista): an ask when it opens a clause
	fNeg                             // not, en, älkää, inte
	fHedge                           // if, jos, ifall: a condition, up to the next comma or ask
	fMention                         // I remind you, please note, including: the rest of the sentence only mentions rights
	fConj                            // and, ja, och, but: ends the reach of a negation
	fGreeting                        // hello, hei, hej, dear: skipped before an imperative
	fThanks                          // thanks, kiitos, tack
	fFirst                           // I, we, jag, minulla: the writer speaks of themselves
	fQuestion                        // how long, kuinka kauan, hur länge, why
	fPolite                          // "if you could", "olisin kiitollinen, jos": an ask, not a condition

	// Whose and what.
	fMy         // my, mina, minun: the next data word is the writer's
	fYour       // your, din, er: the next data word is the reader's
	fTheir      // their, his, hänen, deras: the next data word is someone else's
	fOur        // our, meidän: the next data word is the writer's company's
	fMe         // me, minut, minusta, mig, about me
	fData       // data, tiedot, uppgifter: personal data when owned by the writer
	fPersonal   // henkilötiedot, personal data, personuppgifter: personal data in itself
	fField      // address, nimi, telefon: a datum one can correct
	fAccount    // account, tili, register, database
	fPronoun    // it, them, se, ne, det, allt: an object named in the sentence before
	fProcessing // processing, käsittely, behandling, use
	fConsent    // consent, suostumus, lupa, samtycke
	fMarketing  // marketing, uutiskirje, nyhetsbrev, mailing list, market research
	fMailObj    // e-mail, message, viesti, attachment: what is sent, not personal data
	fBusiness   // order, lasku, leverans: a customer-service matter
	fPrivacy    // GDPR, tietosuoja, privacy, dataskydd

	// The kind words (cues).
	fErase          // delete, poistaa, radera
	fCopy           // copy, kopio, kopia
	fSee            // access, see, tarkastaa, nähdä, veta
	fSend           // send, provide, lähettää, toimittaa, skicka, receive, saada
	fTell           // tell, inform, kertoa, berätta, confirm
	fSource         // recipients, source, mistä saitte, retention: details of access
	fWhat           // what, which, mitä, vilka, onko
	fCorrect        // correct, update, korjata, oikaista, rätta
	fWrong          // wrong, outdated, virheellinen, felaktig
	fMoved          // moved, new address, muutin, flyttat: only an address changed
	fRestrict       // restrict, rajoittaa, begränsa
	fFormat         // machine-readable, CSV, JSON, koneluettava
	fTransfer       // transfer, siirtää, överföra, to another provider
	fOptOut         // unsubscribe, opt out, avregistrera
	fStop           // stop, lopettakaa, sluta, no more
	fObject         // object, vastustaa, invända
	fWithdraw       // withdraw, cancel, peruuttaa, återkalla, avsluta
	fSubscription   // subscription, prenumeration
	fForbid         // kieltää, forbid, förbjuda
	fCall           // call, soittaa, ringa, telemarketing
	fRight          // a right's or a request's name; its kinds are in the entry
	fGenericRequest // "GDPR request": a request of no stated kind
	fArticle        // art., article, artikla, artikel

	// Mail that is no request.
	fFooter    // click here, view in browser: a newsletter's footer
	fFooterCtx // click, link, you can: makes an unsubscribe a footer
	fSpam      // lottery, bitcoin, SEO services
	fVoid      // a phrase whose words are no cue or ask after all ("an update", "please find attached")

	// Who speaks, and of what.
	fSelf    // the writer as one person: I, minä, jag, haluan, pyydän, minulla
	fWe      // the writer as a company: we, me, vi, olemme, our, vårt
	fCompany // company, yritys, yhtiö, företag: makes a datum the company's
	fAll     // everything, kaikki, allt: the whole of what is held, with "about me"
	fDoc     // document, asiakirja, dokument: a thing sent, not personal data
	fMistake // by mistake, vahingossa, av misstag: a misdirected document
	fAbroad  // outside the EU, third countries, ulkomaille: a transfer the notice describes
	fDest    // to another provider, elsewhere, muualle, upload: where ported data goes
	fFile    // in a file, tiedostona, i en fil: portability only with a destination named
)

// cueFeatures are the features a rule starts from.
const cueFeatures = fErase | fCopy | fSee | fSend | fTell | fWhat | fCorrect | fWrong | fMoved |
	fRestrict | fFormat | fTransfer | fOptOut | fStop | fObject | fWithdraw | fForbid | fCall |
	fMarketing | fMailObj | fRight | fGenericRequest | fArticle | fDest | fFile

// kindSet is a set of kinds, one bit per index into Kinds.
type kindSet uint8

// Indices into Kinds.
const (
	ixAccess = iota
	ixRectification
	ixErasure
	ixRestriction
	ixPortability
	ixObjection
)

const (
	kAccess        kindSet = 1 << ixAccess
	kRectification kindSet = 1 << ixRectification
	kErasure       kindSet = 1 << ixErasure
	kRestriction   kindSet = 1 << ixRestriction
	kPortability   kindSet = 1 << ixPortability
	kObjection     kindSet = 1 << ixObjection
)

// lexiconGroups are the words and phrases the classifier knows, by feature.
//
// To add a phrase, put it into the group of the feature it expresses.
// Write it lower-case with ä, ö and å as a, o and a: the mail's words are
// folded the same way before matching, so "poistakaa" matches "Poistakaa",
// "poistakaa" and "POISTAKÄÄ". Words are separated by spaces, and the
// mail's punctuation and hyphens count as spaces ("machine-readable" is
// "machine readable"). Each word is matched:
//
//	word    exactly
//	stem*   as a prefix, so that Finnish inflections hit (poist* matches
//	        poistakaa, poistamaan, poisto); stem*!not!other excludes words
//	        starting with "not" or "other"
//	*part*  anywhere in the word, for compounds (*markkin* matches
//	        suoramarkkinointikielto)
//
// Single words and stems of seven letters or more also match with one typo.
// Which features make a request, and of which kind, is decided by the rule
// functions of textEvaluator; a new kind word only needs a group here.
var lexiconGroups = []struct {
	f     lexFeature
	kinds kindSet
	pats  []string
}{
	{fAsk, 0, []string{
		// Finnish: first person, polite questions and nouns of asking.
		"haluan", "haluaisin", "haluamme", "haluaisimme", "halua", "halusin", "tahdon", "tahtoisin",
		"pyydan", "pyydamme", "pyytaisin", "pyytaisimme", "pyydetaan", "pyytamaan", "haluisin", "haluun",
		"pyynto", "pyyntoni", "pyyntomme", "pyyntona", "vaadin", "vaadimme", "vaatisin", "vaatimus",
		"vaatimukseni", "toivon", "toivoisin", "toivomme", "voisitteko", "voitteko", "voisitko", "voitko",
		"voisiko", "olkaa hyva", "olisiko mahdollista", "ystavallisesti", "kaytan", "kaytamme",
		"saanko", "saisinko", "voinko saada", "edellytan", "vastustan", "vastustamme", "kiellan", "kiellamme",
		"kieltaydyn", "peruutan", "perun", "peruutamme", "irtisanon", "ilmoitan", "kiitollinen",
		// Swedish.
		"jag vill", "vi vill", "vill", "onskar", "skulle vilja", "begar", "begaran", "jag ber", "ber er",
		"ber dig", "ber om", "kraver", "krav", "vanligen", "var vanlig", "var snall", "kan ni", "kan du",
		"skulle ni kunna", "kunde ni", "anhaller", "harmed", "utovar", "utnyttjar", "invander",
		"motsatter mig", "aterkallar", "forbjuder", "tacksam", "kan jag fa", "skulle jag kunna fa",
		// English.
		"i request", "we request", "i am requesting", "i m requesting", "formal request", "this request",
		"my request", "request for", "request to", "request that", "requesting that", "would like", "d like", "id like", "want", "wish",
		"demand", "demanding", "ask", "asking", "i need", "we need", "i require", "i expect", "i insist",
		"can i get", "could i get", "can i have", "could i have",
		"instruct", "please", "pls", "plz", "plase", "pleae", "pleas", "kindly", "could you", "can you", "would you", "will you",
		"hereby", "i exercise", "exercise my", "exercising", "i am writing to", "i m writing to",
		"im writing to", "i object", "i withdraw", "i revoke", "i opt out", "grateful", "appreciate",
	}},
	{fImp, 0, []string{
		// Bare imperatives: an ask when they open a sentence or clause.
		"delete", "erase", "remove", "send", "provide", "give", "correct", "update", "change", "fix",
		"amend", "restrict", "limit", "stop", "unsubscribe", "transfer", "export", "forget", "cancel",
		"close", "tell", "email", "mail", "confirm", "take", "request",
		"radera", "ta", "skicka", "ratta", "korrigera", "uppdatera", "begransa", "sluta", "avregistrera",
		"avsluta", "stoppa", "overfor", "flytta", "exportera", "ge", "lamna", "glom", "beratta", "meddela", "bekrafta",
		"poista", "laheta", "korjaa", "oikaise", "paivita", "lopeta", "peru", "peruuta", "kerro", "anna",
		"toimita", "siirra", "rajoita", "unohda", "tuhoa", "vaihda", "muuta", "vahvista", "ilmoita",
	}},
	{fNeg, 0, []string{
		"en", "emme", "ala", "alkaa", "alko", "ei", "ette", "eivat",
		"inte", "ej", "icke", "aldrig",
		"not", "dont", "don t", "do not", "doesn t", "didn t", "won t", "cannot", "can t", "never",
		"no longer",
	}},
	{fHedge, 0, []string{
		"if", "jos", "mikali", "ifall", "in case", "unless", "otherwise", "muuten", "annars",
		"in the event", "should you",
	}},
	{fMention, 0, []string{
		"remind", "reminder", "muistut*", "paminn*", "huomaut*", "please note", "note that", "observera",
		"reserve", "varaan", "pidatan", "forbehall*", "aware", "tietoisia", "medveten", "medvetna",
		"you may", "you might", "may", "entitled", "oikeutettu", "berattigad", "such as", "including",
		"kuten", "esimerkiksi", "sasom", "inklusive", "existence", "olemassaolo*", "forekomst*",
	}},
	{fPolite, 0, []string{
		"if you could", "if you would", "if you can", "if you please", "grateful if", "appreciate it if",
		"jos voisitte", "jos voitte", "jos voisit", "kiitollinen jos", "kiitollinen mikali",
		"om ni kunde", "om ni kan", "tacksam om", "tacksam ifall",
	}},
	{fConj, 0, []string{
		"and", "but", "also", "then", "plus", "ja", "seka", "mutta", "vaan", "myos", "lisaksi", "sitten",
		"och", "men", "samt", "aven", "ocksa", "sedan",
	}},
	{fGreeting, 0, []string{
		"hi", "hello", "hey", "dear", "hei", "heippa", "moi", "moikka", "terve", "tervehdys", "hyva",
		"hyvat", "arvoisa", "hej", "hejsan", "hallo", "god", "good", "morning", "afternoon", "paivaa",
		"huomenta", "iltaa", "sir", "madam", "team", "ok", "okay", "selva", "sesoma", "asiakaspalvelu",
		"tietosuojavastaava", "kundtjanst", "support",
	}},
	{fMy, 0, []string{
		"my", "mine", "mina", "min", "mitt", "minun", "mun", "oma", "omat", "omia", "omani",
		"omiani", "omista",
	}},
	{fYour, 0, []string{"your", "yours", "din", "ditt", "dina", "er", "ert", "era", "teidan", "sinun"}},
	{fOur, 0, []string{"our", "ours", "meidan", "vart", "vara"}},
	{fTheir, 0, []string{
		"their", "his", "her", "hans", "hennes", "deras", "hanen", "heidan", "asiakkaiden", "customers",
	}},
	{fPronoun, 0, []string{
		"it", "them", "everything", "all of it", "se", "sen", "ne", "niita", "kaikki", "kaiken",
		"det", "dem", "allt", "dessa", "those", "these",
	}},
	{fMe, 0, []string{
		"me", "myself", "mig", "mej", "minut", "minua", "minusta", "minuun", "itsestani", "meista",
		"musta", "mua", "mut",
		"om mig", "about me", "on me", "concerning me", "regarding me", "relating to me", "related to me",
	}},
	{fData, 0, []string{
		"tieto*!tietosuoj!tietokon!tietotur!tietoliik!tietopyyn!tietoine!tietoisi!tietoisu!tietojarj",
		"tiedo*!tiedost!tiedoks!tiedote!tiedott",
		"data", "information", "informationen", "info", "details", "datan", "uppgift*",
	}},
	{fPersonal, 0, []string{
		"henkilotie*", "yhteystie*", "asiakastie*", "personuppgift*", "kontaktuppgift*", "kunduppgift*",
		"personal data", "personal information", "personal details", "personally identifiable", "pii",
		"personlig information", "personliga uppgifter", "contact details", "contact information",
	}},
	{fField, 0, []string{
		"*osoite*", "*osoitte*", "nimi", "nimeni", "nimen", "nimea", "nimeani", "nimessa", "nimessani", "nimet", "nimia",
		"*sukunim*", "*etunim*", "puhelin*", "puhelim*", "*puhelinnum*", "syntymaaika*", "syntymapaiv*",
		"henkilotunnu*", "titteli*", "tyonimik*", "sahkopostiosoit*", "kirjoitusasu*",
		"*adress*", "namn", "namnet", "*efternamn*", "*fornamn*", "telefon*", "personnummer*", "stavning*",
		"address", "addresses", "name", "names", "surname", "last name", "first name", "phone",
		"telephone", "mobile", "date of birth", "birthday", "job title", "spelling",
	}},
	{fAccount, 0, []string{
		"account", "accounts", "profile", "profiles", "records", "register", "registers", "registry",
		"database", "databases", "system", "systems", "crm",
		"tili", "tilin", "tilini", "tilia", "tiliani", "tilista", "tilistani", "tilille", "tililta", "tilit", "*kayttajatil*",
		"*asiakastili*", "asiakkuu*", "rekister*!rekisteroi!rekisterinpit", "*asiakasrekister*",
		"tietokan*", "jarjestelm*", "profiili*",
		"konto", "kontot", "*kundkonto*", "profil", "profilen", "registret", "databas*", "*kundregist*",
	}},
	{fMarketing, 0, []string{
		"*markkin*", "*mainos*", "*mainok*", "mainon*", "*uutiskirj*", "*postituslist*", "*postilist*", "listalta",
		"listalle", "listoilta", "*kampanj*", "kysely*", "tarjou*", "tekstiviest*",
		"*nyhetsbrev*", "*reklam*", "*marknadsfor*", "direktmarknad*", "utskick*", "*enkat*",
		"*undersokning*", "listan", "listor*", "lista", "sms",
		"*newsletter*", "marketing", "advertis*", "promotion*", "promotional", "mailing list", "mailinglist",
		"mailing lists", "list", "market research", "survey*", "offers", "ads",
		// Research and polling firms, to which numbers are passed for market research.
		"research agenc*", "research compan*", "research firm*", "research institut*", "polling",
		"opinion poll*", "*kysely*", "*tutkimuslaito*", "*tutkimusyhti*", "*tutkimusyrity*",
		"*tutkimustoimisto*", "*mielipidetutkimu*", "*opinionsinstitut*", "*undersokningsforetag*",
		"*undersokningsinstitut*",
		// Profiling and targeting, which Art. 21 treats as marketing.
		"profilo*", "kohdenn*", "kohdenne*", "profilering*", "riktad*", "profiling", "profiled", "targeted",
	}},
	{fMailObj, 0, []string{
		"email", "emails", "e mail", "e mails", "mail", "mails", "mailings", "message", "messages",
		"file", "files", "attach*", "viesti*", "sahkopost*", "liite*", "liitte*", "tiedosto*", "bifog*",
		"meddelande*", "mejl*", "e post", "bilag*", "fil",
	}},
	{fBusiness, 0, []string{
		"tilau*", "tilaamani", "tilasin", "lasku*", "toimitu*", "toimitus*", "tuote*", "tuotte*",
		"paketti*", "paketin", "lahetys*", "maksu*", "hinta*", "hinnan", "hinnat", "hinnasto*",
		"tarjous*", "reklamaatio*", "palautu*", "palautus*", "varasto*", "kuitti*", "takuu*",
		"bestallning*", "faktura*", "leverans*", "produkt*", "paket", "paketet", "betalning*", "offert*",
		"kvitto*", "priset", "pris", "ordern", "ordrar*", "ordernummer*", "min order", "er order", "din order",
		"my order", "the order", "your order", "order number", "order no", "orders", "ordered",
		"invoice*", "delivery", "deliveries", "shipment*", "package", "parcel", "product*", "payment*",
		"price*", "quote", "quotation", "refund*", "receipt", "tracking", "warranty",
	}},
	{fErase, 0, []string{
		"poist*!poistu", "tuho*!tuhoutu", "unoht*!unohtui!unohtu", "unohd*!unohdin!unohdi", "anonymi*",
		"sulkekaa", "sulje", "close my account", "avsluta mitt konto",
		"radera*", "radering*", "ta bort", "tar bort", "tas bort", "tagit bort", "togs bort", "tagits bort",
		"plocka bort", "bortglomd*", "glom mig", "glomma mig", "avlagsna*", "anonymiser*",
		"delet*", "delte", "dlete", "eras*!erasmus", "remov*", "remvoe", "forget me", "forgotten", "destroy*", "purge", "wipe",
		"take me off", "anonymis*", "anonymiz*",
	}},
	{fCopy, 0, []string{
		"copy", "copies", "kopio*", "kopia*", "jaljenno*", "utdrag", "extract", "printout", "tuloste*",
		"utskrift*",
	}},
	{fSee, 0, []string{
		"access", "see", "view", "know", "review", "inspect",
		"tarkast*", "tarkist*", "nahda", "nakemaan", "nahtavaksi", "nahtavilla", "tieta*", "saada tieta*",
		"veta", "se vilka", "se vad", "se mina", "ta del av", "insyn*", "tillgang*", "granska*",
	}},
	{fSend, 0, []string{
		"send", "provide", "supply", "give", "forward", "receive", "obtain", "email me", "mail me",
		"sending", "lahett*!lahetin!lahetimme", "laheta", "lahetat*", "toimitta*", "toimita", "toimitat*",
		"anta*!antanut!antaneet",
		"saada", "saamaan", "saisin", "saanko", "saisinko",
		"skicka*", "sand mig", "lamna ut", "lamnas ut", "fa", "fa ut", "erhalla", "ha ut",
	}},
	{fTell, 0, []string{
		"tell", "inform", "let me know", "explain", "confirm",
		"kerto*", "kerro", "kerrot*", "ilmoitta*", "ilmoita", "selvitta*", "vahvista*",
		"beratta", "meddela", "upplys*", "redogor*", "bekrafta*",
	}},
	{fSource, 0, []string{
		"recipient*", "source", "sources", "disclosed", "shared", "purposes", "retention", "where you got",
		"vastaanottaj*", "luovut*", "mista sait*", "mista olette saaneet", "lahteist*", "lahteen", "lahde",
		"lahteet", "tarkoitu*", "sailyt*", "keep", "kept", "retain", "lagra*", "sparar", "sparas",
		"mottagare*", "kallan", "kallor", "varifran", "andamal*", "lagringstid*",
	}},
	{fWhat, 0, []string{
		"what", "which", "whether", "mita", "mitka", "onko", "vilka", "vad", "huruvida", "vilken", "vilket",
	}},
	{fCorrect, 0, []string{
		"correct", "correction", "corrected", "correcting", "rectif*", "fix", "amend*", "update", "updated", "updating",
		"change",
		"korja*", "oikais*", "paivit*", "muutta*", "muutos*", "*osoitteenmuutos*", "vaihta*", "vaihda",
		"ratta", "rattar", "rattas", "rattad", "rattat", "rattelse*", "rattning*", "korriger*", "uppdater*", "andring*",
		// "ändra", but not "andra" (other): only with its object.
		"andra den", "andra det", "andra dem", "andra min", "andra mitt", "andra mina", "andrat", "andrade",
	}},
	{fWrong, 0, []string{
		"wrong", "incorrect", "inaccurate", "outdated", "out of date", "misspelled", "misspelt",
		"not correct", "not accurate",
		"virheelli*", "virhe", "virheen", "virheita", "vaar*!vaaral", "vanhentun*", "ei pida paikkaansa",
		"vaihtunut", "muuttunut",
		"felaktig*", "fel", "felstav*", "inaktuell*", "stammer inte",
	}},
	{fRestrict, 0, []string{
		"restrict*", "limit the processing", "limit processing", "rajoit*", "begrans*",
	}},
	{fProcessing, 0, []string{
		"process", "processing", "processed", "use", "using", "kasittel*", "kasitel*",
		"kaytt*!kayttaja", "behandl*", "anvand*",
	}},
	{fFormat, 0, []string{
		"machine readable", "koneluettav*", "koneellisesti luettav*", "maskinlasbar*", "csv", "json",
		"xml", "structured", "strukturoi*", "strukturerad*", "strukturerat", "rakenteis*",
		"excel",
	}},
	{fFile, 0, []string{
		// A file, which is only how an access copy is delivered unless the
		// writer will take it elsewhere ("in a file I can upload elsewhere").
		"in a file", "as a file", "in one file", "in a single file", "i en fil", "som en fil", "som fil",
		"i ett dokument", "tiedostona", "yhtena tiedostona", "tiedostomuodossa",
	}},
	{fTransfer, 0, []string{
		"transfer*", "port", "export*", "move my data", "siirt*", "siirr*", "siirto*", "overfor*", "flytta*",
	}},
	{fDest, 0, []string{
		// Where ported data goes: another controller, or away with the writer.
		"to another", "toiselle", "toiseen", "muualle", "till en annan", "till ett annat", "till annan",
		"another controller", "another provider", "another service", "new provider", "new supplier",
		"new service", "uudelle palvelu*", "uudelle toimittaja*", "uuteen palveluun", "ny leverantor*",
		"nya leverantor*", "ny tjanst", "nya tjansten",
		"elsewhere", "somewhere else", "annanstans", "nagon annanstans", "kilpailija*", "konkurrent*",
		"competitor*", "ladda upp", "upload*", "ta med", "take with me", "take it with me", "port",
		"export*",
	}},
	{fAbroad, 0, []string{
		// International transfers: what a privacy notice describes, not portability.
		"outside", "third countr*", "other countries", "another country", "abroad", "overseas",
		"internationally", "united states", "ulkopuol*", "kolmansi*", "kolmas maa*", "kolmanteen maahan",
		"ulkomail*", "ulkomaille", "ulkomaihin", "muihin maihin", "toiseen maahan", "yhdysval*", "utanfor",
		"tredje land*", "tredjeland*", "andra lander", "annat land", "utomlands",
	}},
	{fOptOut, 0, []string{
		"unsubscr*", "unsub", "opt out", "optout", "avregistrer*", "avanmal*", "avprenumer*",
		"take me off",
	}},
	{fStop, 0, []string{
		"stop", "stopp*", "cease", "no more", "no longer", "keep sending", "still sending", "still send",
		"continue to send", "keep getting", "still getting", "still receive", "still receiving",
		"fortsatter att skicka", "far fortfarande", "saan edelleen", "saan yha", "lopet*", "ei enaa", "en enaa",
		"sluta", "slutar", "upphor*", "inte langre", "inga fler", "inga mer",
	}},
	{fObject, 0, []string{
		"object", "objects", "objecting", "objection", "vastust*", "invand*", "motsatter",
	}},
	{fWithdraw, 0, []string{
		"withdraw*", "revok*", "revocation", "cancel*", "peru*!perus!perun", "aterkall*", "dra tillbaka",
		"drar tillbaka", "avsluta*", "saga upp", "sager upp", "irtisan*", "lakkaut*",
	}},
	{fConsent, 0, []string{
		"consent*", "suostum*", "lupa", "lupani", "luvan", "lupaa", "lupaani", "samtyck*", "permission",
		"medgivande*",
	}},
	{fSubscription, 0, []string{"subscription*", "subscribed", "prenumeration*", "tilaaja*"}},
	{fForbid, 0, []string{"kiell*", "kielt*", "*kielto*", "*kiellon*", "forbid*", "forbjud*", "prohibit*"}},
	{fCall, 0, []string{
		"soitt*", "call", "calls", "calling", "ringa", "ring", "ringer", "uppring*", "telemarket*", "puhelinmyyn*",
		"telefonforsalj*",
	}},
	{fRight, kAccess, []string{
		"tarkastusoikeu*", "tarkastuspyyn*", "tietopyyn*", "tiedonsaantioikeu*", "paasyoikeu*",
		"oikeu* saada paasy", "registerutdrag*", "ratt till tillgang", "insynsratt*", "begaran om tillgang",
		"right of access", "right to access", "access request", "subject access", "subject access request",
		"data subject access request", "dsar", "sar",
		"data access request",
	}},
	{fRight, kErasure, []string{
		"right to erasure", "right to be forgotten", "be forgotten", "tulla unohdetuksi", "bli bortglomd",
		"poistopyyn*",
		"poisto oikeu*", "ratt att bli bortglomd", "ratt till radering", "raderingsbegar*", "raderingsratt*",
		"deletion request", "erasure request", "request for deletion", "request for erasure",
		"begaran om radering",
	}},
	{fRight, kRectification, []string{
		"right to rectification", "oikaisuoikeu*", "oikaisupyyn*", "oikeu* oikaista", "ratt till rattelse",
		"rattelsebegar*", "begaran om rattelse", "rectification request",
	}},
	{fRight, kRestriction, []string{
		"right to restriction", "right to restrict", "oikeu* rajoittaa", "rajoittamisoikeu*",
		"ratt till begransning", "begaran om begransning",
	}},
	{fRight, kPortability, []string{
		"right to data portability", "data portability", "portability", "siirto oikeu*", "tietojen siirto",
		"oikeu* siirtaa", "dataportabilitet*", "portabilitet*", "ratt till dataportabilitet",
	}},
	{fRight, kObjection, []string{
		"right to object", "vastustamisoikeu*", "oikeu* vastustaa", "ratt att invanda", "invandningsratt*",
		"*markkinointikiel*",
	}},
	{fGenericRequest, 0, []string{
		"gdpr request", "gdpr pyynto", "gdpr begaran", "tietosuojapyyn*", "data subject request",
		"data subject rights request", "dsr",
	}},
	{fArticle, 0, []string{"art", "article", "articles", "artikla*", "artikel*"}},
	{fQuestion, 0, []string{
		"how long", "kuinka kauan", "miten kauan", "hur lange", "how do you", "how do i", "miten", "kuinka",
		"hur", "why", "miksi", "varfor", "voinko", "can i", "kan jag", "mihin", "where",
	}},
	{fPrivacy, 0, []string{
		"gdpr", "tietosuoj*", "privacy", "data protection", "dataskydd*", "integritet*", "rekisteriseloste*",
		"edpb",
	}},
	{fFooter, 0, []string{
		"click here", "klikkaa tasta", "klikkaa tata", "klicka har", "view in browser", "view this email",
		"view it in your browser", "nayta selaimessa", "avaa selaimessa", "visa i webblasare",
		"you are receiving this", "you received this", "you have received this", "you are subscribed",
		"saat taman viestin", "olet saanut taman", "du far detta", "du har fatt detta",
		"manage preferences", "manage your preferences", "update your preferences", "email preferences",
		"if you no longer wish", "jos et halua enaa", "om du inte langre vill", "all rights reserved",
		"kaikki oikeudet pidatetaan", "alla rattigheter forbehallna", "this email was sent to",
		"tama viesti lahetettiin", "peruuta tilaus", "peru tilaus", "forward to a friend",
		"unsubscribe from this list",
	}},
	{fFooterCtx, 0, []string{
		"click", "klikkaa", "klikkaamalla", "klicka", "link", "linkki*", "lanken", "any time", "anytime",
		"milloin tahansa", "nar som helst", "you can", "voit", "du kan", "preferences", "tilausasetu*",
		"installningar", "below", "alta", "tasta", "taalta", "here", "you", "dig", "sinut", "itsesi",
	}},
	{fSpam, 0, []string{
		"viagra", "cialis", "casino", "lottery", "jackpot", "bitcoin", "crypto*", "btc",
		"investment opportunity", "you have won", "you ve won", "claim your prize", "prize", "inheritance",
		"beneficiary", "wire transfer", "western union", "seo", "backlinks", "first page of google",
		"dear friend", "weight loss", "loan offer", "risk free", "act now", "limited time offer",
		"make money", "work from home", "hot singles", "million dollars", "congratulations",
	}},
	{fThanks, 0, []string{"thanks", "thank", "thx", "kiitos", "kiitoksia", "kiitti", "tack", "tackar"}},
	{fMoved, 0, []string{
		"new address", "moved", "muutin", "muuttanut", "uusi osoite", "uusi osoitteeni", "ny adress", "nya adress*",
		"flyttat", "flyttade", "flyttar",
	}},
	{fFirst, 0, []string{
		"i", "we", "jag", "vi", "olen", "olin", "minulla", "minulle", "meilla", "meille", "mina", "me",
	}},
	{fSelf, 0, []string{
		// One person: pronouns and the first-person verbs of asking.
		"i", "me", "my", "mine", "myself", "jag", "mig", "mej", "min", "mitt", "mina", "minun", "mun",
		"minulla", "minulle", "minut", "minua", "minusta", "minuun", "mulla", "mulle", "musta", "mua",
		"mut", "itselleni", "olen", "olin", "en", "haluan", "haluaisin", "haluisin", "haluun", "halusin",
		"tahdon", "tahtoisin", "pyydan", "pyytaisin", "vaadin", "vaatisin", "toivon", "toivoisin", "kaytan",
		"kiellan", "kieltaydyn", "peruutan", "perun", "vastustan", "irtisanon", "ilmoitan", "saanko",
		"saisinko", "edellytan",
	}},
	{fWe, 0, []string{
		// A company: first person plural.
		"we", "us", "our", "ours", "ourselves", "vi", "oss", "vart", "me", "meidan", "meilla", "meille",
		"meita", "meihin", "olemme", "olimme",
	}},
	{fCompany, 0, []string{
		"yritys*", "yrityks*", "yhtio*", "firma*", "toiminimi*", "organisaatio*", "konserni*", "foretag*",
		"bolag*", "koncern*", "company", "companies", "organisation*", "organization*", "firm", "oy",
		"oyj", "ab", "ltd", "inc", "gmbh", "llc",
	}},
	{fAll, 0, []string{
		"everything", "all", "anything", "allt", "allting", "alla", "kaikki", "kaiken", "kaikkea",
	}},
	{fDoc, 0, []string{
		"document*", "dokument*", "asiakirj*", "pdf", "screenshot*", "kuvakaappau*", "skarmdump*",
		"spreadsheet*", "taulukko*", "kalkylark*", "drawing*", "piirustu*", "ritning*",
	}},
	{fMistake, 0, []string{
		"by mistake", "by accident", "accidentally", "mistakenly", "in error", "erroneously",
		"wrong recipient", "wrong person", "vahingossa", "erehdyksessa", "erehdyksella", "epahuomiossa",
		"vaaralle vastaanottajalle", "vaaralle henkilolle", "av misstag", "misstag", "oavsiktligt", "rakade",
		"fel mottagare", "fel person",
	}},
	{fVoid, 0, []string{
		"update on", "update about", "an update", "status update", "correct me", "please find", "please see",
		"see attached", "see below", "let me know if", "tell me if",
	}},
}

// lexTok is one word of a pattern.
type lexTok struct {
	s    string
	mode byte     // '=' exact, '*' prefix, '~' contains
	not  []string // prefixes that do not match
}

func (t lexTok) match(w string) bool {
	switch t.mode {
	case '=':
		return w == t.s
	case '*':
		if !strings.HasPrefix(w, t.s) {
			return false
		}
	default:
		if !strings.Contains(w, t.s) {
			return false
		}
	}
	for _, n := range t.not {
		if strings.HasPrefix(w, n) {
			return false
		}
	}
	return true
}

type lexEntry struct {
	toks  []lexTok
	f     lexFeature
	kinds kindSet
}

// lexIndex finds the entries that may start at a word.
type lexIndex struct {
	exact    map[string][]*lexEntry // by the first word
	prefix   map[string][]*lexEntry // by the first three bytes of the first stem (fewer if shorter)
	contains map[string][]*lexEntry // by the first three bytes of the part, looked up at every position
	typo     map[byte][]*lexEntry   // one-word entries of seven bytes or more, by first byte

	// What annotate uses, built from the above by buildFastIndex.
	words      map[string]wordInfo // exact's entries and function words, in one look-up
	prefixLens uint8               // bit n set: prefix has a key of n bytes
	trigrams   trigramSet          // every key of three bytes of prefix and contains
	typoCands  [256][]typoCand     // typo's entries, with what rules most out cheaply
}

// wordInfo is what a folded word is in the lexicon: the entries starting
// with it (lexIndex.exact) and which language's function word it is.
type wordInfo struct {
	exact []*lexEntry
	lang  byte // 's' swedishWords, 'f' finnishWords, 'e' englishWords (first of them), or 0
}

// trigramSet holds three-byte strings, with false positives: a string not
// in the set is surely not one of the keys added.
type trigramSet [1 << 16 / 64]uint64

func trigramBit(k string) uint32 {
	h := (uint32(k[0])<<16 | uint32(k[1])<<8 | uint32(k[2])) * 0x9E3779B1
	return h >> 16
}

func (t *trigramSet) add(k string) {
	b := trigramBit(k)
	t[b/64] |= 1 << (b % 64)
}

// mayHave reports whether k, of three bytes, may be in the set.
func (t *trigramSet) mayHave(k string) bool {
	b := trigramBit(k)
	return t[b/64]&(1<<(b%64)) != 0
}

// typoCand is an entry of lexIndex.typo with what typoEntries needs to
// rule it out without reading the entry: the byte mask (see byteMask) and
// length of its word or stem, and whether it is a word (mode '=').
type typoCand struct {
	e     *lexEntry
	mask  uint64
	n     int
	exact bool
}

var lexicon = buildLexicon()

func buildLexicon() *lexIndex {
	x := &lexIndex{exact: map[string][]*lexEntry{}, prefix: map[string][]*lexEntry{},
		contains: map[string][]*lexEntry{}, typo: map[byte][]*lexEntry{}}
	for _, g := range lexiconGroups {
		for _, p := range g.pats {
			e := &lexEntry{f: g.f, kinds: g.kinds}
			for _, w := range strings.Fields(foldString(p)) {
				parts := strings.Split(w, "!")
				t := lexTok{s: parts[0], mode: '=', not: parts[1:]}
				switch {
				case len(t.s) > 2 && strings.HasPrefix(t.s, "*") && strings.HasSuffix(t.s, "*"):
					t.s, t.mode = t.s[1:len(t.s)-1], '~'
				case len(t.s) > 1 && strings.HasSuffix(t.s, "*"):
					t.s, t.mode = t.s[:len(t.s)-1], '*'
				}
				e.toks = append(e.toks, t)
			}
			if len(e.toks) == 0 {
				continue
			}
			first := e.toks[0]
			switch first.mode {
			case '=':
				x.exact[first.s] = append(x.exact[first.s], e)
			case '*':
				key := first.s[:min(3, len(first.s))]
				x.prefix[key] = append(x.prefix[key], e)
			default:
				key := first.s[:min(3, len(first.s))]
				x.contains[key] = append(x.contains[key], e)
			}
			if len(e.toks) == 1 && first.mode != '~' && len(first.s) >= 7 {
				x.typo[first.s[0]] = append(x.typo[first.s[0]], e)
			}
		}
	}
	x.buildFastIndex()
	return x
}

// buildFastIndex fills the look-up tables of annotate from exact, prefix,
// contains, typo and the function words.
func (x *lexIndex) buildFastIndex() {
	x.words = make(map[string]wordInfo, len(x.exact))
	for w, list := range x.exact {
		x.words[w] = wordInfo{exact: list}
	}
	// In the order of annotate's switch, so that the first wins.
	for _, fw := range []struct {
		lang  byte
		words map[string]bool
	}{{'s', swedishWords}, {'f', finnishWords}, {'e', englishWords}} {
		for w, ok := range fw.words {
			if info := x.words[w]; ok && info.lang == 0 {
				info.lang = fw.lang
				x.words[w] = info
			}
		}
	}
	for k := range x.prefix {
		if len(k) <= 3 {
			x.prefixLens |= 1 << len(k)
		}
		if len(k) == 3 {
			x.trigrams.add(k)
		}
	}
	for k := range x.contains {
		if len(k) == 3 {
			x.trigrams.add(k)
		}
	}
	for c, list := range x.typo {
		for _, e := range list {
			t := e.toks[0]
			x.typoCands[c] = append(x.typoCands[c], typoCand{e: e, mask: byteMask(t.s), n: len(t.s), exact: t.mode == '='})
		}
	}
}

// byteMask has bit c%64 set for every byte c of s. When within1(a, b), a
// has at most one byte that b lacks and b at most one that a lacks (one
// substitution, insertion or deletion; a swap changes none), so
// maskWithin1(byteMask(a), byteMask(b)) holds.
func byteMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] % 64)
	}
	return m
}

// maskWithin1 reports whether each mask has at most one bit the other lacks.
func maskWithin1(a, b uint64) bool {
	d, e := a&^b, b&^a
	return d&(d-1) == 0 && e&(e-1) == 0
}

// typoEntries appends to dst the entries of x.typo[w[0]] for which
// typoMatch(e.toks[0], w) holds, in their order, as a scan of all of them
// would; the byte masks spare most typoMatch calls.
func (x *lexIndex) typoEntries(w string, dst []*lexEntry) []*lexEntry {
	if w == "" {
		return dst
	}
	var pm [64]uint64 // pm[n] = byteMask(w[:n])
	if len(w) >= len(pm) {
		for _, c := range x.typoCands[w[0]] {
			if typoMatch(c.e.toks[0], w) {
				dst = append(dst, c.e)
			}
		}
		return dst
	}
	for n := 1; n <= len(w); n++ {
		pm[n] = pm[n-1] | 1<<(w[n-1]%64)
	}
	cands := x.typoCands[w[0]]
	for k := range cands {
		c := &cands[k]
		// typoMatch compares the word with w, or the stem with w[:n] for
		// n from c.n-1 to c.n+1; within1 needs lengths at most one apart
		// and maskWithin1.
		lo, hi := c.n-1, min(c.n+1, len(w))
		if c.exact {
			if len(w) < c.n-1 || len(w) > c.n+1 {
				continue
			}
			lo, hi = len(w), len(w)
		}
		maybe := false
		for n := lo; n <= hi; n++ {
			if maskWithin1(pm[n], c.mask) {
				maybe = true
				break
			}
		}
		if maybe && typoMatch(c.e.toks[0], w) {
			dst = append(dst, c.e)
		}
	}
	return dst
}

// matchAt returns how many words e covers when it starts at token i, or 0.
func (e *lexEntry) matchAt(s *textSegment, i int) int {
	for k, t := range e.toks {
		j := i + k
		if j >= len(s.toks) || s.toks[j].sent != s.toks[i].sent || !t.match(s.toks[j].w) {
			return 0
		}
	}
	return len(e.toks)
}

// tryEntries applies at token i each entry of list that matches there.
func (s *textSegment) tryEntries(i int, list []*lexEntry) {
	for _, e := range list {
		if n := e.matchAt(s, i); n > 0 {
			s.apply(i, e, n)
		}
	}
}

func (s *textSegment) apply(i int, e *lexEntry, n int) {
	t := &s.toks[i]
	t.feat |= e.f
	t.kinds |= e.kinds
	t.span = max(t.span, int32(n))
}

// annotate marks every token with the features of the entries matching
// there, then applies the Finnish suffix rules and owner words.
func (s *textSegment) annotate() {
	sv, fi, en := s.lookUp()
	s.swedish = sv > fi
	s.finnish = fi > sv && fi > en
	for i := range s.toks {
		if t := &s.toks[i]; t.feat&fVoid != 0 {
			for k := i; k < i+int(t.span) && k < len(s.toks); k++ {
				s.toks[k].feat &^= cueFeatures | fAsk | fImp
			}
		}
		if t := &s.toks[i]; t.feat&fPolite != 0 {
			// "if you could delete", "olisin kiitollinen, jos poistaisitte":
			// the "if" asks politely and conditions nothing.
			t.feat |= fAsk
			for k := i; k < i+int(t.span) && k < len(s.toks); k++ {
				s.toks[k].feat &^= fHedge
			}
		}
	}
	for i := range s.toks {
		t := &s.toks[i]
		if s.swedish && t.w == "en" {
			t.feat &^= fNeg | fSelf // the article, not "I don't"
		}
		if t.w == "me" {
			if s.finnish {
				t.feat &^= fMe | fSelf // "me olemme": we
			} else {
				t.feat &^= fWe
			}
		}
		if t.feat&(fHedge|fMention) != 0 && t.feat&fPolite == 0 {
			t.feat &^= fAsk // "please note" is no ask
		}
		finnishForms(t)
	}
	// English and Swedish owners: "my data", "all my personal data", "din adress".
	const owned = fData | fPersonal | fField | fAccount | fConsent | fSubscription
	for i := range s.toks {
		t := &s.toks[i]
		if t.feat&owned == 0 || t.poss != 0 {
			continue
		}
		first := s.sents[t.sent].first
		for k := i - 1; k >= max(first, i-3); k-- {
			if s.toks[k+1].punct {
				break
			}
			if f := s.toks[k].feat; f&fMy != 0 {
				t.poss = 1
				break
			} else if f&fYour != 0 {
				t.poss = 2
				break
			} else if f&fTheir != 0 {
				t.poss = 3
				break
			} else if f&fOur != 0 || f&fCompany != 0 && s.ourCompany(k) || s.toks[k].w == "var" && swedishOur(s, k, i) {
				// "our address", "yrityksemme uusi osoite", "our company's
				// address", "vårt företags adress", "vår nya adress".
				t.poss = 4
				break
			}
		}
	}
}

// lookUp marks every token with the features of the lexicon entries
// matching there and counts the Swedish, Finnish and English function
// words.
//
// All but matching the later words of an entry of more than one word and
// the typo step's condition depends on the word alone, and text repeats
// its words, so a segment of minMemoTokens tokens or more looks each
// distinct word up once (see wordLook); shorter ones look up every token.
func (s *textSegment) lookUp() (sv, fi, en int) {
	if len(s.toks) >= minMemoTokens {
		return s.lookUpMemo()
	}
	return s.lookUpDirect()
}

// lookUpDirect is lookUp looking up every token.
func (s *textSegment) lookUpDirect() (sv, fi, en int) {
	x := lexicon
	var n funcWords
	for i := range s.toks {
		w := s.toks[i].w
		// x.words, prefixLens and trigrams only spare look-ups that find
		// nothing: the entries tried are those of exact[w], prefix[w[:n]]
		// for n up to 3 and contains[w[j:j+3]] at every j.
		info := x.words[w]
		s.tryEntries(i, info.exact)
		for n := 1; n <= 3 && n <= len(w); n++ {
			if x.prefixLens&(1<<n) != 0 && (n < 3 || x.trigrams.mayHave(w[:3])) {
				s.tryEntries(i, x.prefix[w[:n]])
			}
		}
		for j := 0; j+3 <= len(w); j++ {
			if k := w[j : j+3]; x.trigrams.mayHave(k) {
				s.tryEntries(i, x.contains[k])
			}
		}
		if s.toks[i].feat == 0 && len(w) >= 7 {
			var buf [8]*lexEntry
			for _, e := range x.typoEntries(w, buf[:0]) {
				s.apply(i, e, 1)
			}
		}
		n.add(info.lang)
	}
	return n.sv, n.fi, n.en
}

// funcWords counts the function words of each language a segment holds.
type funcWords struct{ sv, fi, en int }

// add counts a word whose wordInfo.lang is lang.
func (n *funcWords) add(lang byte) {
	switch lang {
	case 's':
		n.sv++
	case 'f':
		n.fi++
	case 'e':
		n.en++
	}
}

// minMemoTokens is the length from which lookUp looks each distinct word up
// once; below it the memo costs more than it spares.
const minMemoTokens = 64

// wordLook is what lookUp finds for a word wherever it stands: the
// one-word entries matching it, folded into features and kinds; the
// entries of more words whose first word matches it, to be tried against
// the words after it; its function-word language; and, worked out when
// first needed, the typo entries matching it, folded likewise.
type wordLook struct {
	multi     []*lexEntry // entries of two words or more whose first word matches
	feat      lexFeature  // features of the one-word entries matching
	typoFeat  lexFeature  // features of the typo entries (typoEntries) matching
	kinds     kindSet     // kinds of the one-word entries matching
	typoKinds kindSet     // kinds of the typo entries matching
	one       bool        // some one-word entry matches
	typo      bool        // some typo entry matches
	typoDone  bool        // typoFeat, typoKinds and typo are set
	lang      byte        // as wordInfo.lang
}

// lookScratch is lookUpMemo's working space, reused through
// lookScratchPool: each distinct word's index in looks, and the backing
// array of the looks' multi lists. What a word looks up depends on the word
// alone, so the looks are kept from one segment to the next, the way the
// same words recur from message to message, until they number
// maxLookScratch. The words kept are copies: they are words of messages,
// held in this process's memory like the messages themselves, but they
// keep no whole text alive.
type lookScratch struct {
	index map[string]int32
	looks []wordLook
	multi []*lexEntry
}

// lookScratchPool holds *lookScratch for lookUpMemo.
var lookScratchPool = sync.Pool{New: func() any { return &lookScratch{index: map[string]int32{}} }}

// maxLookScratch caps the distinct words a lookScratch keeps: past it, the
// scratch is dropped and the pool makes a new one (clearing a map costs as
// much as the largest it has been).
const maxLookScratch = 1 << 12

// addEntries folds into l the entries of list whose first word matches w:
// the one-word entries into feat and kinds, the others appended to multi.
func (l *wordLook) addEntries(w string, list, multi []*lexEntry) []*lexEntry {
	for _, e := range list {
		if !e.toks[0].match(w) {
			continue
		}
		if len(e.toks) > 1 {
			multi = append(multi, e)
			continue
		}
		l.feat |= e.f
		l.kinds |= e.kinds
		l.one = true
	}
	return multi
}

// lookWord sets l to what lookUp finds for w but the typo entries: the
// entries of exact[w], prefix[w[:n]] for n up to 3 and contains[w[j:j+3]]
// at every j, as lookUp's loop tries them. The look's multi list is
// appended to multi, which is returned.
func (x *lexIndex) lookWord(w string, l *wordLook, multi []*lexEntry) []*lexEntry {
	info := x.words[w]
	*l = wordLook{lang: info.lang}
	start := len(multi)
	multi = l.addEntries(w, info.exact, multi)
	for n := 1; n <= 3 && n <= len(w); n++ {
		if x.prefixLens&(1<<n) != 0 && (n < 3 || x.trigrams.mayHave(w[:3])) {
			multi = l.addEntries(w, x.prefix[w[:n]], multi)
		}
	}
	for j := 0; j+3 <= len(w); j++ {
		if k := w[j : j+3]; x.trigrams.mayHave(k) {
			multi = l.addEntries(w, x.contains[k], multi)
		}
	}
	if len(multi) > start {
		l.multi = multi[start:len(multi):len(multi)]
	}
	return multi
}

// lookUpMemo is lookUp with each distinct word looked up once.
func (s *textSegment) lookUpMemo() (sv, fi, en int) {
	x := lexicon
	var n funcWords
	sc := lookScratchPool.Get().(*lookScratch)
	for i := range s.toks {
		w := s.toks[i].w
		k, ok := sc.index[w]
		if !ok {
			k = int32(len(sc.looks))
			sc.looks = append(sc.looks, wordLook{})
			sc.multi = x.lookWord(w, &sc.looks[k], sc.multi)
			sc.index[strings.Clone(w)] = k
		}
		l := &sc.looks[k]
		t := &s.toks[i]
		if l.one {
			t.feat |= l.feat
			t.kinds |= l.kinds
			t.span = max(t.span, 1)
		}
		s.tryEntries(i, l.multi)
		if t.feat == 0 && len(w) >= 7 {
			if !l.typoDone {
				var buf [8]*lexEntry
				for _, e := range x.typoEntries(w, buf[:0]) {
					l.typoFeat |= e.f
					l.typoKinds |= e.kinds
					l.typo = true
				}
				l.typoDone = true
			}
			if l.typo {
				t.feat |= l.typoFeat
				t.kinds |= l.typoKinds
				t.span = max(t.span, 1)
			}
		}
		n.add(l.lang)
	}
	if len(sc.index) <= maxLookScratch {
		lookScratchPool.Put(sc)
	}
	return n.sv, n.fi, n.en
}

// ourCompany reports whether the company word at k is the writer's own:
// "yrityksemme", "our company", "vårt företag", "meidän yhtiömme".
func (s *textSegment) ourCompany(k int) bool {
	if s.toks[k].feat&fWe != 0 {
		return true // "yrityksemme", "firmamme"
	}
	for j := k - 1; j >= max(s.sents[s.toks[k].sent].first, k-2); j-- {
		if s.toks[j+1].punct {
			break
		}
		if s.toks[j].feat&(fOur|fWe) != 0 || s.toks[j].w == "var" {
			return true
		}
	}
	return false
}

// swedishOur reports whether "var" at k is "vår" (our) owning token i: right
// before it or before an adjective and it ("vår nya adress"), not "var
// vänlig" (please be kind).
func swedishOur(s *textSegment, k, i int) bool {
	if k == i-1 {
		return true
	}
	switch s.toks[k+1].w {
	case "nya", "gamla", "nuvarande", "ratta", "korrekta", "tidigare":
		return k == i-2
	}
	return false
}

// finnishForms applies what Finnish endings say: "-kaa" is a plural
// imperative (poistakaa, lähettäkää), "-tteko" a polite question
// (voisitteko), and on a data word "-ni"/"-mme" mean mine/ours, "-si"/"-nne"
// yours and "-nsa" someone else's.
func finnishForms(t *wordToken) {
	w := t.w
	switch {
	case len(w) >= 7 && strings.HasSuffix(w, "kaa") && w != "tarkkaa":
		t.feat |= fAsk | fImp
	case len(w) >= 8 && strings.HasSuffix(w, "tteko"), len(w) >= 7 && strings.HasSuffix(w, "isitko"):
		t.feat |= fAsk
	}
	if t.feat&(fData|fPersonal|fField|fAccount|fConsent) == 0 || len(w) < 5 {
		if len(w) >= 6 && strings.HasSuffix(w, "mme") && t.feat&fNeg == 0 {
			t.feat |= fWe // "muutimme", "haluamme": we
		}
		return
	}
	switch {
	case strings.HasSuffix(w, "ni"):
		t.poss = 1
	case strings.HasSuffix(w, "mme"):
		t.poss = 4
	case strings.HasSuffix(w, "nne"), strings.HasSuffix(w, "si"):
		t.poss = 2
	case strings.HasSuffix(w, "nsa"):
		t.poss = 3
	}
}

// swedishWords and finnishWords are common function words, to tell the
// languages apart where a word means different things in them.
var swedishWords = map[string]bool{
	"och": true, "att": true, "jag": true, "det": true, "ar": true, "inte": true, "for": true,
	"med": true, "som": true, "pa": true, "av": true, "till": true, "mig": true, "ni": true, "har": true,
	"vill": true, "mina": true, "om": true, "den": true, "ett": true, "hej": true, "tack": true,
}

var finnishWords = map[string]bool{
	"ja": true, "on": true, "ei": true, "etta": true, "tai": true, "se": true, "olen": true, "ole": true,
	"minun": true, "teidan": true, "kiitos": true, "hei": true, "ovat": true, "voi": true, "haluan": true,
	"pyydan": true, "myos": true, "tama": true, "nyt": true, "mutta": true, "kun": true, "jos": true,
	"olemme": true, "teilla": true, "meilla": true,
}

var englishWords = map[string]bool{
	"the": true, "and": true, "to": true, "of": true, "you": true, "is": true, "i": true, "my": true,
	"please": true, "your": true, "that": true, "this": true, "with": true, "have": true, "we": true,
	"it": true, "are": true, "be": true, "from": true, "would": true, "hi": true, "dear": true,
}

// typoMatch reports whether w is t's word or stem with one typo.
func typoMatch(t lexTok, w string) bool {
	if t.mode == '=' {
		return within1(w, t.s)
	}
	for n := len(t.s) - 1; n <= len(t.s)+1; n++ {
		if n <= len(w) && within1(w[:n], t.s) {
			for _, x := range t.not {
				if strings.HasPrefix(w, x) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// within1 reports whether a and b differ by at most one substitution,
// insertion, deletion or swap of neighbouring letters.
func within1(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(b) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i+1:] == b[i:]
}
