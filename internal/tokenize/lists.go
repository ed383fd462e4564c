package tokenize

// Word lists the tokenizer and sentence splitter consult. They follow the
// conventions of UD English EWT and GUM (studied on their training splits).

// abbrevs are words that keep their full stop ("Mr.", "Sept.", "Inc.").
// Lookup is on the lower-cased word without the full stop.
var abbrevs = setOf(
	// titles and ranks
	"mr", "mrs", "ms", "mssrs", "messrs", "dr", "prof", "sr", "jr", "st", "gen", "sen", "sens", "rep", "reps",
	"gov", "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "cdr", "brig", "rev", "hon", "pres",
	"supt", "insp", "det", "cpl", "pvt", "amb", "atty", "fr", "mlle", "mme", "esq", "ph", "dept",
	// months and days
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	// organisations, addresses
	"inc", "ltd", "corp", "co", "bros", "assn", "univ", "mt", "ft", "ave", "blvd", "rd", "hwy", "pl", "sq",
	// US states as newspapers write them
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky",
	"la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn",
	"tenn", "tex", "va", "vt", "wash", "wis", "wyo",
	// latin and general
	"etc", "vs", "al", "approx", "ca", "cf", "viz", "vol", "vols", "no", "nos", "fig", "figs", "ed", "eds",
	"est", "ext", "attn", "misc", "min", "mins", "hr", "hrs", "yr", "yrs", "oz", "lb", "lbs", "ft", "sq",
	"pp", "para", "nr", "tel", "fax", "info", "esp", "eg", "ie", "arrv", "div",
)

// neverFinal are abbreviations that stand before a name and so never end a
// sentence ("Mr.", "Gen.", "St.").
var neverFinal = setOf(
	"mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col",
	"capt", "cpt", "sgt", "maj", "adm", "cmdr", "cdr", "brig", "rev", "hon", "pres", "supt", "insp", "det",
	"cpl", "pvt", "amb", "atty", "fr", "mlle", "mme", "st", "mt", "ft", "no", "nos", "vs", "cf", "vol",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "figs", "pp",
	"approx", "ca", "eg", "ie", "e.g", "i.e", "viz", "tel", "fax",
)

// hyphenPrefixes keep their hyphen inside the token ("e-mail", "non-violent",
// "mid-July"), as EWT does; other hyphens are split off.
var hyphenPrefixes = setOf(
	"e", "co", "pre", "post", "non", "re", "semi", "anti", "pro", "mid", "multi", "ex", "over", "sub",
	"neo", "micro", "intra", "inter", "cross", "counter", "socio", "psycho", "un", "arch", "macro",
	"mini", "pseudo", "quasi", "ultra", "trans", "bi", "tri", "infra", "extra", "hyper", "meta", "vice",
)

// starters are words that, capitalised, usually begin a sentence; after an
// abbreviation that may end one ("U.S.", "Inc.") they decide the boundary.
var starters = setOf(
	"the", "a", "an", "he", "she", "it", "i", "we", "they", "you", "this", "that", "these", "those",
	"there", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "if", "when", "while", "after",
	"before", "as", "his", "her", "its", "their", "our", "my", "your", "what", "who", "why", "how",
	"where", "however", "meanwhile", "still", "also", "then", "now", "some", "many", "most", "all",
	"no", "not", "one", "both", "each", "other", "such", "since", "although", "though", "because",
	"earlier", "later", "last", "next", "today", "yesterday", "please", "thanks", "thank", "let",
)

// creditLabels, capitalised and followed by a colon, give a picture's credit
// after its caption ("... as The Fawn Image: Nick Moreau."), which GUM's
// news documents take as a sentence of its own.
var creditLabels = setOf("image", "images", "photo", "photos", "photograph", "picture", "pictures", "credit", "illustration")

// weekdays and months, written out, open datelines ("Friday, March 4, 2005").
var weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// dateLeads are words that lead into a date inside a sentence ("met on
// Sunday, May 28, 2006"), so the date is not a dateline of its own.
var dateLeads = setOf("on", "by", "since", "until", "till", "til", "from", "before", "after", "of", "for",
	"last", "next", "this", "that", "to", "at", "in", "and", "or", "as", "than", "between", "through",
	"during", "like", "is", "was", "be", "been", "are", "were", "dated", "effective", "thru")

var months = setOf("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december")

// contractions are clitic-bearing words written without an apostrophe, as
// EWT splits them into two words of one token: "dont" → do + nt.
var contractions = map[string]int{ // lower-cased word → length of the first word
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2,
	"wasnt": 3, "arent": 3, "werent": 4, "havent": 4, "hasnt": 3, "hadnt": 3, "wouldnt": 5,
	"couldnt": 5, "shouldnt": 6, "wont": 2, "cant": 2, "im": 1, "ive": 1, "youre": 3, "theyre": 4,
	"thats": 4, "whats": 4,
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
