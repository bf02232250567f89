using Verbatim.Storage;

namespace Verbatim.Corpus;

/// <summary>What the directory decided for one speaker name, and what a store must persist about it.</summary>
public sealed record IdentityDecision(string Id, string Key, string Name, bool NewKey, bool NewPerson, bool NameChanged, string? Wikidata, string? Role);

/// <summary>One known person (or group or organisation) of the corpus.</summary>
public sealed class CorpusSpeaker
{
    internal CorpusSpeaker(string? id, string name, SpeakerType type) { Id = id; _name = name; Type = type; }

    public string? Id { get; internal set; }

    public string Name
    {
        get => _name;
        internal set
        {
            _name = value;
            foreach (var g in Groups) g.NameChanged(this); // found by the new name's first word from now on
        }
    }

    private string _name;
    public SpeakerType Type { get; internal set; }
    public string? Wikidata { get; internal set; }
    public string? Role
    {
        get => _role;
        internal set
        {
            _role = value;
            if (value is not null) foreach (var g in Groups) g.RoleSet(this);
        }
    }

    private string? _role;
    /// <summary>Renamed by hand: the display name no longer follows the fullest spelling seen.</summary>
    public bool NameLocked { get; internal set; }
    internal readonly HashSet<string> Givens = [];
    /// <summary>First letters of middle names seen (George W. Bush: w; George H. W. Bush: h).</summary>
    internal readonly HashSet<char> Middles = [];
    internal readonly HashSet<string> Surnames = [];
    internal string? Suffix;
    internal readonly List<(string Head, string Country, DateOnly? From, DateOnly? To)> Roles = [];
    /// <summary>The surname groups it is in (<see cref="SurnameGroup"/>).</summary>
    internal readonly List<SurnameGroup> Groups = [];
}

/// <summary>
/// Corpus-wide speaker identity: decides which names are one person. In order: hand overrides (pinned names, merges),
/// names seen before, alias files (seed and user), then fuzzy matching of persons: the same surname up to
/// transliteration (<see cref="NameKey.Skeleton"/>) with a compatible given name (same skeleton, an initial, or a
/// nickname) and the same generational suffix; a surname alone joins the only person with that surname, or, when
/// several share it, the one whose given name the article mentions. Descriptions (<c>the Ukrainian leader</c>)
/// resolve through alias roles valid on the article date. Ids are the slug of the first spelling seen, never renamed.
/// </summary>
public sealed class SpeakerDirectory
{
    private readonly Dictionary<string, string> _countries;
    // Name keys → ids. Those the store persists (speaker_names: names seen, and hand-pinned ones) are in _idByKey, a cache
    // of the store when it can be asked (KeyLookup); those only alias files give (never persisted) in _aliasKeys.
    private readonly Dictionary<string, string> _idByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliasKeys = new(StringComparer.Ordinal);
    private Func<string, string?>? _keyLookup;
    private int _maxCachedKeys = int.MaxValue;
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CorpusSpeaker> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _redirect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CorpusSpeaker> _aliasByKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SurnameGroup> _bySurname = new(StringComparer.Ordinal);
    private readonly List<CorpusSpeaker> _withRoles = [];

    public SpeakerDirectory(IEnumerable<AliasEntry>? aliases = null)
    {
        _countries = Countries.Value;
        foreach (var a in aliases ?? AliasFile.Seed) AddAlias(a);
    }

    public IEnumerable<CorpusSpeaker> Speakers => _byId.Values;

    /// <summary>
    /// Lets the directory keep at most <paramref name="maxCachedKeys"/> of the name keys it learned in memory and ask
    /// <paramref name="lookup"/> (the store's <c>speaker_names</c>, on the connection and transaction that write them) for the
    /// others: memory then no longer grows with every spelling seen, and every decision is the same. Set it before loading names.
    /// </summary>
    public void UseKeyStore(Func<string, string?> lookup, int maxCachedKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCachedKeys, 1);
        _keyLookup = lookup;
        _maxCachedKeys = maxCachedKeys;
    }

    /// <summary>Keeps every learned key in memory again (a store whose names are not all in <c>speaker_names</c>).</summary>
    public void KeepAllKeys()
    {
        _keyLookup = null;
        _maxCachedKeys = int.MaxValue;
    }

    /// <summary>How many learned name keys are held in memory now.</summary>
    public int CachedKeys => _idByKey.Count;

    /// <summary>The id a name key maps to: learned (in memory or in the store), else given by an alias file.</summary>
    private bool TryKey(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? id)
    {
        if (_idByKey.TryGetValue(key, out id)) return true;
        if (_keyLookup?.Invoke(key) is { } stored)
        {
            CacheKey(key, stored);
            id = stored;
            return true;
        }
        return _aliasKeys.TryGetValue(key, out id);
    }

    /// <summary>A key the store persists (or, without a store, any learned key).</summary>
    private void CacheKey(string key, string id)
    {
        if (_idByKey.Count >= _maxCachedKeys && !_idByKey.ContainsKey(key)) _idByKey.Clear();
        _idByKey[key] = id;
    }

    /// <summary>A key an alias file gives, unless the key already means someone.</summary>
    private void AddAliasKey(string key, string id)
    {
        if (!TryKey(key, out _)) _aliasKeys[key] = id;
    }

    // ------------------------------------------------------------------ loading (from a store)

    /// <summary>Adds one alias entry: its names become one person (bound to an id when one of them is first seen).</summary>
    public void AddAlias(AliasEntry a)
    {
        var keys = new[] { a.Canonical }.Concat(a.Aliases).Select(n => NameKey.Of(n, _countries)).Where(k => k.Words.Length > 0).ToList();
        if (keys.Count == 0) return;
        // Entries for one person (one line per role) share one record: the same canonical name, and no two Wikidata ids.
        CorpusSpeaker? p = null;
        if (_aliasByKey.TryGetValue(keys[0].Key, out var existing) && existing.Name == a.Canonical
            && (a.Wikidata is null || existing.Wikidata is null || existing.Wikidata == a.Wikidata))
            p = existing;
        p ??= new CorpusSpeaker(null, a.Canonical, SpeakerType.Person);
        p.Wikidata ??= a.Wikidata;
        p.Role ??= a.Role;
        foreach (var k in keys)
        {
            // A name two entries claim (George Bush, father and son) is ambiguous: it names neither.
            if (_ambiguous.Contains(k.Key)) continue;
            if (_aliasByKey.TryGetValue(k.Key, out var other) && other != p)
            {
                _aliasByKey.Remove(k.Key);
                _ambiguous.Add(k.Key);
                continue;
            }
            _aliasByKey[k.Key] = p;
            AddNameParts(p, k);
        }
        if (a.Role is { } role && ParseRole(role) is { } parsed)
        {
            p.Roles.Add((parsed.Head, parsed.Country, a.From, a.To));
            if (!_withRoles.Contains(p)) _withRoles.Add(p);
        }
        if (p.Id is { } id) foreach (var k in keys) AddAliasKey(k.Key, id);
        else
        {
            // A name of this entry was seen before the entry was added: the entry is that speaker.
            foreach (var k in keys)
                if (TryKey(k.Key, out var seen) && _byId.TryGetValue(Follow(seen), out var person))
                {
                    Bind(p, person);
                    break;
                }
        }
    }

    /// <summary>The distinct ids the names of an alias entry already have (more than one: the entry joins them).</summary>
    public List<string> IdsOf(AliasEntry a) => new[] { a.Canonical }.Concat(a.Aliases)
        .Select(n => NameKey.Of(n, _countries)).Where(k => k.Words.Length > 0)
        .Select(k => TryKey(k.Key, out var id) ? Follow(id) : null).OfType<string>().Distinct().ToList();

    /// <summary>A speaker row of the store.</summary>
    public void LoadSpeaker(string id, string name, SpeakerType type, string? wikidata, string? role, bool nameLocked)
    {
        if (!_byId.TryGetValue(id, out var p)) _byId[id] = p = new CorpusSpeaker(id, name, type);
        p.Name = name;
        p.Type = type;
        p.Wikidata ??= wikidata;
        p.Role ??= role;
        p.NameLocked |= nameLocked;
    }

    /// <summary>A name key of the store and the id it maps to; pinned keys were set by hand.</summary>
    public void LoadName(string key, string id, bool pinned)
    {
        CacheKey(key, id);
        if (pinned) _pinned.Add(key);
        if (!_byId.TryGetValue(id, out var p)) _byId[id] = p = new CorpusSpeaker(id, key, SpeakerType.Person);
        if (_aliasByKey.TryGetValue(key, out var alias) && alias.Id is null) Bind(alias, p);
        if (p.Type is SpeakerType.Person or SpeakerType.Unknown)
            AddNameParts(p, NameKey.Of(key, _countries));
    }

    /// <summary>A merge override: every name of <paramref name="from"/> now means <paramref name="into"/>.</summary>
    public void LoadMerge(string from, string into)
    {
        if (from == into) return;
        _redirect[from] = into;
        if (_byId.TryGetValue(from, out var a) && _byId.TryGetValue(Follow(into), out var b))
        {
            foreach (var g in a.Givens) AddGiven(b, g);
            foreach (var m in a.Middles) b.Middles.Add(m);
            foreach (var s in a.Surnames) { b.Surnames.Add(s); Surname(s).Remove(a); Surname(s).Add(b); }
            b.Wikidata ??= a.Wikidata;
            b.Role ??= a.Role;
            b.Roles.AddRange(a.Roles);
            if (b.Roles.Count > 0 && !_withRoles.Contains(b)) _withRoles.Add(b);
            _withRoles.Remove(a);
        }
    }

    // ------------------------------------------------------------------ resolving

    /// <summary>The id a merged id now points to.</summary>
    public string Follow(string id)
    {
        for (var i = 0; i < 64 && _redirect.TryGetValue(id, out var next); i++) id = next;
        return id;
    }

    public CorpusSpeaker? Get(string id) => _byId.GetValueOrDefault(Follow(id));

    /// <summary>The key a name is known by.</summary>
    public string KeyOf(string name) => NameKey.Of(name, _countries) is var k && k.Words.Length > 0 ? k.Key : SlugSpeakerIdentity.Slug(name).Replace('-', ' ');

    /// <summary>The key a name of a speaker of this type is learned under: a person's drops titles, parties and
    /// nationalities (<see cref="KeyOf(string)"/>); a group's or an organisation's keeps every word but a leading article.</summary>
    public string KeyOf(string name, SpeakerType type) => type is SpeakerType.Person or SpeakerType.Unknown ? KeyOf(name) : BodyKey(name);

    private static string BodyKey(string name) => SlugSpeakerIdentity.Slug(WithoutPossessives(BodyName(name))).Replace('-', ' ');

    /// <summary>Whether <paramref name="i"/> is the apostrophe of a possessive 's that ends a word (Trump's, Fox News's),
    /// not of a contraction (let's, that's, there's).</summary>
    private static bool IsPossessiveAt(string name, int i)
    {
        if (name[i] is not ('\'' or '\u2019') || i == 0 || !char.IsLetter(name[i - 1]) || i + 1 >= name.Length || name[i + 1] is not ('s' or 'S')
            || i + 2 < name.Length && char.IsLetterOrDigit(name[i + 2])) return false;
        var start = name.LastIndexOf(' ', i - 1) + 1;
        return !Contractions.Contains(name.AsSpan(start, i - start));
    }

    private static readonly Text.WordSet Contractions = Text.WordSet.Of("let that there it what here who he she where how");

    /// <summary>A body's name without possessive endings: Trump's campaign is the Trump campaign, Fox News's Fox News.</summary>
    private static string WithoutPossessives(string name)
    {
        if (name.IndexOf('\'') < 0 && name.IndexOf('\u2019') < 0) return name;
        var sb = new System.Text.StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (IsPossessiveAt(name, i)) { i++; continue; } // the apostrophe and its s
            sb.Append(name[i]);
        }
        return sb.ToString();
    }

    /// <summary>Read-only: the id a user's name or id means, without learning anything (for searches and verify).</summary>
    public string? Lookup(string nameOrId)
    {
        var trimmed = nameOrId.Trim();
        if (_byId.ContainsKey(trimmed)) return Follow(trimmed);
        var d = Decide(trimmed, SpeakerType.Unknown, null, null, learn: false);
        return d?.Id;
    }

    /// <summary>Decides the corpus-wide id of a speaker of an article and learns the name.</summary>
    /// <param name="articleText">The article's text, to tell apart people who share a surname.</param>
    /// <param name="article">The article's id: a generic name (<see cref="IsGeneric"/>) is a speaker of that article only.</param>
    public IdentityDecision Resolve(string name, SpeakerType type, string? title = null, string? articleText = null, DateOnly? date = null, string? article = null) =>
        Decide(name, type, articleText, date, learn: true, title, article)!;

    /// <summary>
    /// A name that points at no one outside its article: lower case throughout (<c>officials</c>, <c>senior administration
    /// officials</c>, <c>61 percent</c>), a share of a group (<c>some Democrats</c>, <c>Two Republican senators</c>), or one
    /// word that is a common noun, a quantifier or a pronoun however written (<c>Critics</c>, <c>Others</c>, <c>Department</c>,
    /// <c>Some</c>, <c>There</c>). The officials of two articles are not one group: merged by name they would rank among the
    /// corpus's most quoted speakers. Party and national groups (<c>Democrats</c>) are names.
    /// </summary>
    public static bool IsGeneric(string name)
    {
        var words = BodyName(name).Split((char[])[' ', '\t', '\n', '.', ')', '-', '\'', '\u2019'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit)).ToList();
        if (words.Count == 0) return false;
        if (words.All(w => !w.Any(char.IsUpper))) return true; // "officials", "61 percent"; not "@realDonaldTrump"
        if (OpensAsDescription(words)) return true;
        if (words.Count > 1 && Shares.Contains(words[0])) return true; // "some Democrats", "Other Republicans", "Both women"
        return words.Count == 1 && !NamedGroups.Contains(words[0])
               && (Text.Lexicon.GroupHeads.Contains(words[0]) || Text.Lexicon.PersonDescriptionHeads.Contains(words[0])
                   || CommonHeads.Contains(words[0]) || Quantifiers.Contains(words[0]));
    }

    /// <summary>
    /// A description that opens in lower case, whatever names it holds (<c>top adviser for President
    /// Obama</c>, <c>new Associated Press-GfK poll</c>, <c>longtime adviser to both Clintons</c>): someone of its article,
    /// not the person it mentions. Not a name particle (<c>de Blasio</c>), nor descriptors right before a name with no
    /// word linking them (<c>senior adviser Kellyanne Conway</c>, <c>former president Bill Clinton</c>).
    /// </summary>
    private static bool OpensAsDescription(List<string> words)
    {
        var i = 0;
        while (i < words.Count && words[i] is "the" or "a" or "an") i++;
        if (i == words.Count || words[i].Any(char.IsUpper) || !words[i].Any(char.IsLetter) || NameParticles.Contains(words[i])) return false;
        var nameStart = words.Count;
        while (nameStart > i && char.IsUpper(words[nameStart - 1][0])) nameStart--;
        for (var k = i; k < nameStart; k++)
            if (Linkers.Contains(words[k])) return true;
        return words.Count - nameStart < 2;
    }

    /// <summary>Words that tie a description to someone else: the adviser <em>for</em> Obama is not Obama.</summary>
    private static readonly Text.WordSet Linkers = Text.WordSet.Of("for to of at with by in from on who whom whose which that about under behind close");

    /// <summary>Lower-case words that open surnames (de Blasio, van Hollen, al-Assad, d'Estaing).</summary>
    private static readonly Text.WordSet NameParticles = Text.WordSet.Of(
        "de del della dei der den di da das dos do du van von ten ter le la les al el bin ibn abu ben bint d l o st mc mac");

    /// <summary>Plural group heads that name one body wherever they appear.</summary>
    private static readonly Text.WordSet NamedGroups = Text.WordSet.Of("democrats republicans americans");

    /// <summary>Heads of organisations and of what speaks for them, never one body across articles by themselves.</summary>
    private static readonly Text.WordSet CommonHeads = Text.WordSet.Of("""
        department ministry agency committee commission council party campaign company corporation firm group bank university
        college institute foundation association union court administration government office board bureau center centre fund
        organization organisation club team army military parliament assembly cabinet embassy consulate coalition alliance
        federation league society institution authority network newspaper paper magazine outlet station website site report study
        poll polls survey surveys statement letter memo document documents filing lawsuit complaint ruling data figures records
        fans followers backers defenders foes detractors admirers readers viewers listeners users groups candidates
        """);

    /// <summary>Quantifiers that stand for a share of some group (<c>Some say</c>, <c>Others</c>, <c>Most</c>), and the
    /// pronouns and question words a sentence's opening can make a speaker of (<c>There</c>, <c>What</c>).</summary>
    private static readonly Text.WordSet Quantifiers = Text.WordSet.Of("""
        some many most both others other several few all half everyone everybody someone somebody nobody none each either
        neither another one two three four five majority minority plurality percent
        there what it this that these those who which something anything everything nothing
        """);

    /// <summary>The first words of a share of a group (<c>some Democrats</c>, <c>Both women</c>, <c>Two Republican senators</c>):
    /// no one body across articles.</summary>
    private static readonly Text.WordSet Shares = Text.WordSet.Of("some many most other several few both all each two three four five six seven eight nine ten dozens hundreds thousands");

    private readonly Dictionary<string, NameKey> _parsed = new(StringComparer.Ordinal);

    /// <summary>A name parsed once: names repeat across articles, parsing is the costly part of a known name.</summary>
    private NameKey Parse(string name)
    {
        if (_parsed.TryGetValue(name, out var nk)) return nk;
        // ~350 bytes a name: 50,000 keep the names that recur (the prominent people) without holding the long tail (the
        // 1,000,000-article run held up to ~70 MB here with 200,000).
        if (_parsed.Count > 50_000) _parsed.Clear();
        return _parsed[name] = NameKey.Of(name, _countries);
    }

    private IdentityDecision? Decide(string name, SpeakerType type, string? articleText, DateOnly? date, bool learn, string? title = null, string? article = null)
    {
        var nk = Parse(name);
        var isPerson = type is SpeakerType.Person or SpeakerType.Unknown;
        // A person's key drops titles, parties and nationalities (President Zelenskyy is Zelenskyy); a group's or an
        // organisation's keeps every word: the State and Justice Departments, or Democratic and German leaders, are not one.
        var key = !isPerson ? BodyKey(name) : nk.Words.Length > 0 ? nk.Key : SlugSpeakerIdentity.Slug(name).Replace('-', ' ');
        // Context-dependent names are decided afresh each time, never learned: a description ("the American
        // president" means whoever held the office on the date) and a surname that several known people share.
        if (isPerson && !_pinned.Contains(key))
        {
            CorpusSpeaker? contextual = null;
            if (nk.IsDescription) contextual = ByRole(nk, date);
            else if (nk.Words.Length == 1 && SharedSurname(nk.Words[0])) contextual = Fuzzy(nk, articleText, title, date);
            if (contextual?.Id is { } cid)
                return new IdentityDecision(Follow(cid), key, contextual.Name, false, false, false, contextual.Wikidata, contextual.Role);
            if (contextual is not null && learn)
            {
                // An alias person never seen before, found through a role: give it its id under its own name.
                var id = UniqueId(SlugSpeakerIdentity.Slug(contextual.Name));
                contextual.Id = id;
                _byId[id] = contextual;
                foreach (var k in _aliasByKey.Where(kv => kv.Value == contextual).Select(kv => kv.Key)) AddAliasKey(k, id);
                return new IdentityDecision(id, key, contextual.Name, false, true, false, contextual.Wikidata, contextual.Role);
            }
        }
        // A generic name is learned under a key of its article: the same speaker there, a new one in the next article.
        bool generic = article is not null && learn && !_pinned.Contains(key) && IsGeneric(name);
        if (generic) key = key + " @" + article;
        if (TryKey(key, out var known))
        {
            var id = Follow(known);
            var p = _byId.GetValueOrDefault(id);
            return new IdentityDecision(id, key, p?.Name ?? name, false, false, false, p?.Wikidata, p?.Role);
        }
        CorpusSpeaker? pick = null;
        if (!generic) // a generic name is nobody's alias, nor another spelling of anyone
        {
            if (_aliasByKey.TryGetValue(key, out var alias)) pick = alias.Id is null ? alias : _byId.GetValueOrDefault(Follow(alias.Id)) ?? alias;
            else if (isPerson && nk.Words.Length > 0) pick = Fuzzy(nk, articleText, title, date);
            else if (isPerson && nk.IsDescription) pick = ByRole(nk, date);
        }
        if (!learn)
            return pick?.Id is { } found ? new IdentityDecision(Follow(found), key, pick.Name, false, false, false, pick.Wikidata, pick.Role)
                : _byId.ContainsKey(SlugSpeakerIdentity.Slug(name)) ? new IdentityDecision(Follow(SlugSpeakerIdentity.Slug(name)), key, name, false, false, false, null, null)
                : null;

        // A description ("the American president") that found its person is shown by the person's name.
        var display = nk.Words.Length == 0 && pick is not null ? pick.Name : isPerson ? Display(name, nk) : BodyName(name);
        var newPerson = false;
        var nameChanged = false;
        if (pick is null)
        {
            pick = new CorpusSpeaker(null, display, type);
            newPerson = true;
        }
        if (pick.Id is null)
        {
            var fromAlias = !newPerson; // a person made just now is no alias entry: no alias key can point at it
            // An alias entry seen for the first time is shown as first written (Chris Murphy, not the seed's Christopher
            // Murphy), unless that is shorter than its canonical name: the person is Barack Obama however the first article
            // wrote him ("Obama", "Mr. Obama"), and a later "Barack Obama" reaches it by an alias key that, already known,
            // would never lengthen the name. The id is made from the name shown.
            if (fromAlias && nk.Words.Length >= NameKey.Of(pick.Name, _countries).Words.Length) pick.Name = display;
            var id = UniqueId(SlugSpeakerIdentity.Slug(pick.Name));
            pick.Id = id;
            _byId[id] = pick;
            newPerson = true;
            if (fromAlias)
                foreach (var k in _aliasByKey.Where(kv => kv.Value == pick).Select(kv => kv.Key)) AddAliasKey(k, id);
        }
        else if (!pick.NameLocked && nk.Words.Length > 0 && pick.Type is SpeakerType.Person or SpeakerType.Unknown
            && nk.Words.Length > NameKey.Of(pick.Name, _countries).Words.Length)
        {
            pick.Name = display; // the fullest spelling becomes the display name
            nameChanged = true;
        }
        CacheKey(key, pick.Id); // the store writes it in this transaction (IdentityDecision.NewKey)
        if (isPerson && nk.Words.Length > 0 && !generic) AddNameParts(pick, nk);
        return new IdentityDecision(pick.Id, key, pick.Name, true, newPerson, nameChanged, pick.Wikidata, pick.Role);
    }

    private CorpusSpeaker? Fuzzy(NameKey nk, string? articleText, string? title, DateOnly? date)
    {
        var surname = NameKey.Skeleton(nk.Words[^1]);
        if (!_bySurname.TryGetValue(surname, out var group) || group.Count == 0) return null;
        if (nk.Words.Length == 1)
        {
            // The people of the surname with a given name (its only one, else the one the article names), else the first
            // seen by the surname alone. Looked up through the group's indexes: it grows with the corpus.
            var withGiven = group.WithGiven;
            if (withGiven.Count == 1)
                return withGiven[0] is var only && (only.Id is not null || Evident(only, articleText, title, date)) ? only : group.FirstWithoutGiven;
            if (withGiven.Count > 1)
                return Disambiguate(group, null, articleText, title)
                    // Only when the article names none of them: naming two (Bill and Hillary) leaves it open on purpose.
                    ?? (articleText is null || group.NamedIn(ArticleWords(articleText), out _) == 0 ? Notable(group, articleText, title, date) : null)
                    ?? group.FirstWithoutGiven;
            return group.FirstWithoutGiven;
        }
        var givenWord = nk.Words[0];
        var given = NameKey.Skeleton(givenWord);
        char? middle = nk.Words.Length >= 3 ? nk.Words[1][0] : null;
        var compatible = group.Compatible(given, givenWord, NicknameOf(given));
        compatible.RemoveAll(p => (p.Suffix ?? "") != (nk.Suffix ?? "") || !Compatible(p, given, givenWord)
            || (middle is not null && p.Middles.Count > 0 && !p.Middles.Contains(middle.Value)));
        if (compatible.Count == 1) return compatible[0];
        if (compatible.Count > 1)
        {
            var exact = compatible.Where(p => p.Givens.Contains(given)).ToList();
            return exact.Count == 1 ? exact[0] : Disambiguate(group, compatible, articleText, title);
        }
        // Only a surname was seen so far ("Zelensky"), and nobody else has it: this is its full name.
        if (group.Count == 1 && group.WithGiven.Count == 0 && nk.Suffix is null) return group.FirstWithoutGiven;
        return null;
    }

    private bool SharedSurname(string word)
    {
        if (!_bySurname.TryGetValue(NameKey.Skeleton(word), out var group)) return false;
        var n = 0;
        foreach (var p in group.WithGiven)
            if (p.Id is not null && ++n == 2) return true;
        return false;
    }

    /// <summary>
    /// Whether an article that writes only a surname means a person of the alias seed whom no article has named yet:
    /// the article gives the person's first name somewhere, the speaker's title is the person's role, or the person held
    /// a role on the article's date ("Obama" in 2016 is Barack Obama; "Washington", "Grant" or "Dallas" in 2016 are no
    /// president or vice president of the 18th or 19th century).
    /// </summary>
    private bool Evident(CorpusSpeaker p, string? articleText, string? title, DateOnly? date)
    {
        if (date is { } d)
            foreach (var r in p.Roles)
                if ((r.From is null || r.From <= d) && (r.To is null || d <= r.To)) return true;
        if (articleText is not null && SurnameGroup.FirstWord(p.Name) is { } first && ArticleWords(articleText).Contains(first)) return true;
        return !string.IsNullOrWhiteSpace(title) && p.Role is { } role && role.Contains(title, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Of several people sharing a surname, none of whom the article names, the only one an alias file knows (a role
    /// holder of the seed) whom the corpus has named or the article points to: "Trump" alone is Donald Trump rather than Eric or
    /// Ivanka, "Cruz" Ted Cruz. The alias list decides, not counts of quotes, which would move with every batch; as for
    /// any surname alone, an article read before the person's first full naming keeps the surname. Null when none or several.
    /// </summary>
    private CorpusSpeaker? Notable(SurnameGroup group, string? articleText, string? title, DateOnly? date)
    {
        CorpusSpeaker? only = null;
        foreach (var p in group.WithGivenAndRole)
            if (p.Id is not null || Evident(p, articleText, title, date))
            {
                if (only is not null && only != p) return null;
                only = p;
            }
        return only;
    }

    private static readonly Dictionary<string, string> Nicknames = BuildNicknames();

    /// <summary>The name a nickname stands for (<c>bill</c> → <c>william</c>); a name with none stands for itself.</summary>
    internal static string NicknameOf(string given) => Nicknames.GetValueOrDefault(given, given);

    private static bool Compatible(CorpusSpeaker p, string given, string givenWord)
    {
        if (p.Givens.Contains(given)) return true;
        var nick = NicknameOf(given);
        foreach (var g in p.Givens)
        {
            if (Nicknames.GetValueOrDefault(g, g) == nick) return true;
            // An initial, for someone the corpus has seen: a person of the alias seed no article has named yet is not
            // M. Dane Waters because her given name starts with M.
            if ((givenWord.Length == 1 || g.Length == 1) && g[0] == given[0] && p.Id is not null) return true;
        }
        return false;
    }

    private string? _wordsOf;
    private readonly HashSet<string> _articleWords = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The words of an article, as a set (built once per article: several speakers share it).</summary>
    private HashSet<string> ArticleWords(string text)
    {
        if (ReferenceEquals(text, _wordsOf)) return _articleWords;
        _articleWords.Clear();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (char.IsUpper(text[start])) _articleWords.Add(text[start..i]);
                start = -1;
            }
        }
        _wordsOf = text;
        return _articleWords;
    }

    /// <summary>
    /// Of the candidates (null: every person of the group with a given name), the only one whose name's first word the
    /// article has, else the only one whose role holds the speaker's title; null when none or several.
    /// </summary>
    private CorpusSpeaker? Disambiguate(SurnameGroup group, List<CorpusSpeaker>? candidates, string? articleText, string? title)
    {
        if (articleText is not null)
        {
            var words = ArticleWords(articleText);
            CorpusSpeaker? only = null;
            var found = 0;
            if (candidates is not null)
            {
                foreach (var p in candidates)
                    if (SurnameGroup.FirstWord(p.Name) is { } first && words.Contains(first) && ++found == 1) only = p;
            }
            else found = group.NamedIn(words, out only); // through the group's first-word index: the article's words, not the group's people
            if (found == 1) return only;
        }
        if (!string.IsNullOrWhiteSpace(title))
        {
            var t = title.ToLowerInvariant();
            CorpusSpeaker? only = null;
            var found = 0;
            foreach (var p in candidates ?? group.WithGivenAndRole)
                if (p.Role is { } r && r.Contains(t, StringComparison.OrdinalIgnoreCase) && ++found == 1) only = p;
            if (found == 1) return only;
        }
        return null;
    }

    private CorpusSpeaker? ByRole(NameKey nk, DateOnly? date)
    {
        if (nk.Countries.Length == 0) return null;
        var hits = _withRoles.Where(p => p.Roles.Any(r =>
            nk.Countries.Contains(r.Country)
            && nk.Roles.Any(h => h == r.Head || h is "leader" or "head")
            && (date is null ? r.To is null : (r.From is null || r.From <= date) && (r.To is null || date <= r.To)))).Distinct().ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    private (string Head, string Country)? ParseRole(string role)
    {
        var at = role.IndexOf(" of ", StringComparison.OrdinalIgnoreCase);
        if (at <= 0) return null;
        var head = role[..at].Trim().ToLowerInvariant();
        var rest = role[(at + 4)..].Trim().ToLowerInvariant();
        var from = rest.IndexOf(" from ", StringComparison.Ordinal);
        if (from > 0) rest = rest[..from];
        if (rest.StartsWith("the ", StringComparison.Ordinal)) rest = rest[4..];
        var country = _countries.GetValueOrDefault(rest, rest);
        head = head.Replace("vice ", "vice-", StringComparison.Ordinal); // a vice president is not "the president"
        return (head, country);
    }

    private void AddNameParts(CorpusSpeaker p, NameKey k)
    {
        if (k.Words.Length == 0) return;
        var surname = NameKey.Skeleton(k.Words[^1]);
        p.Surnames.Add(surname);
        if (k.Words.Length >= 2)
        {
            AddGiven(p, NameKey.Skeleton(k.Words[0]));
            p.Suffix ??= k.Suffix;
        }
        if (k.Words.Length >= 3) p.Middles.Add(k.Words[1][0]);
        Surname(surname).Add(p);
    }

    private static void AddGiven(CorpusSpeaker p, string given)
    {
        if (!p.Givens.Add(given)) return;
        foreach (var g in p.Groups) g.GivenAdded(p, given);
    }

    private SurnameGroup Surname(string s)
    {
        if (!_bySurname.TryGetValue(s, out var group)) _bySurname[s] = group = new SurnameGroup();
        return group;
    }

    private void Bind(CorpusSpeaker alias, CorpusSpeaker seen)
    {
        alias.Id = seen.Id;
        seen.Wikidata ??= alias.Wikidata;
        seen.Role ??= alias.Role;
        foreach (var g in alias.Givens) AddGiven(seen, g);
        foreach (var m in alias.Middles) seen.Middles.Add(m);
        foreach (var s in alias.Surnames) { seen.Surnames.Add(s); var l = Surname(s); l.Remove(alias); l.Add(seen); }
        seen.Roles.AddRange(alias.Roles);
        if (_withRoles.Remove(alias) && !_withRoles.Contains(seen)) _withRoles.Add(seen);
        foreach (var k in _aliasByKey.Where(kv => kv.Value == alias).Select(kv => kv.Key).ToList())
        {
            _aliasByKey[k] = seen;
            AddAliasKey(k, seen.Id!);
        }
    }

    private string UniqueId(string slug)
    {
        if (!_byId.ContainsKey(slug)) return slug;
        for (var i = 2; ; i++)
            if (!_byId.ContainsKey($"{slug}-{i}")) return $"{slug}-{i}";
    }

    /// <summary>A group's or organisation's name as shown: up to a comma or parenthesis, without a leading article.</summary>
    private static string BodyName(string name)
    {
        var cut = name.IndexOfAny([',', '(', ';']);
        var n = (cut > 0 ? name[..cut] : name).Trim();
        // "USA TODAY's", "Obama administration's": a possessive at the end is the sentence's, not the name's.
        if (n.Length > 3 && IsPossessiveAt(n, n.Length - 2)) n = n[..^2];
        foreach (var article in (string[])["the ", "a ", "an "])
            if (n.Length > article.Length && n.StartsWith(article, StringComparison.OrdinalIgnoreCase)) return n[article.Length..].TrimStart();
        return n;
    }

    /// <summary>The name without a quoted nickname (<c>Mikel "The Tugboat" Varro</c> → <c>Mikel Varro</c>), as its key is.</summary>
    private static string WithoutNickname(string name)
    {
        int open = name.IndexOfAny(['"', '\u201C']);
        if (open < 0) return name;
        int close = name.IndexOfAny(['"', '\u201D'], open + 1);
        if (close < 0) return name;
        return string.Join(' ', (name[..open] + " " + name[(close + 1)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A display name: the name as written, without leading titles ("Prime Minister Ana Morell" → "Ana Morell").</summary>
    private static string Display(string name, NameKey nk)
    {
        var cut = name.IndexOfAny([',', '(', ';']);
        var n = WithoutNickname((cut > 0 ? name[..cut] : name).Trim());
        if (nk.Words.Length == 0) return n;
        var parts = n.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keep = nk.Words.Length + (nk.Suffix is null ? 0 : 1);
        return parts.Length > keep ? string.Join(' ', parts[^keep..]) : n;
    }

    // ------------------------------------------------------------------ hand corrections

    /// <summary>Merges two speakers in memory (the store rewrites its rows).</summary>
    public void Merge(string from, string into) => LoadMerge(Follow(from), Follow(into));

    /// <summary>Splits a spelling off its speaker: the name key now means a new speaker; returns its id.</summary>
    public string Split(string name, string currentId)
    {
        // The new speaker is of the current one's type: a spelling split off an organisation is an organisation.
        var type = Get(currentId)?.Type ?? SpeakerType.Person;
        var isPerson = type is SpeakerType.Person or SpeakerType.Unknown;
        var nk = NameKey.Of(name, _countries);
        var key = KeyOf(name, type);
        var display = isPerson ? Display(name, nk) : BodyName(name);
        var slug = SlugSpeakerIdentity.Slug(display);
        var id = slug == currentId ? UniqueId(slug + "-2") : UniqueId(slug);
        var p = new CorpusSpeaker(id, display, type);
        _byId[id] = p;
        CacheKey(key, id);
        _pinned.Add(key);
        if (isPerson) AddNameParts(p, nk);
        return id;
    }

    /// <summary>Renames a speaker by hand; the name also finds it from now on.</summary>
    public string Rename(string id, string name)
    {
        var p = _byId[Follow(id)];
        p.Name = name;
        p.NameLocked = true;
        var key = KeyOf(name, p.Type);
        CacheKey(key, p.Id!);
        _pinned.Add(key);
        return key;
    }

    // ------------------------------------------------------------------ tables

    private static readonly Lazy<Dictionary<string, string>> Countries = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(SpeakerDirectory).Assembly.GetManifestResourceStream("Verbatim.Resources.countries.tsv");
        if (stream is not null)
        {
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                var f = line.Split('\t');
                if (f[0].Length == 0) continue;
                var country = f[0].ToLowerInvariant();
                map.TryAdd(country, country);
                if (f.Length > 1 && f[1].Length > 0) map.TryAdd(f[1].ToLowerInvariant(), country);
            }
        }
        foreach (var us in new[] { "us", "usa", "america", "american", "united states" }) map[us] = "united states";
        foreach (var uk in new[] { "uk", "britain", "british", "great britain" }) map[uk] = "united kingdom";
        map["kiev"] = map["kyiv"] = "ukraine";
        return map;
    });

    private static Dictionary<string, string> BuildNicknames()
    {
        var groups = new[]
        {
            "william bill will billy", "robert bob rob bobby", "joseph joe", "james jim jimmy", "michael mike", "charles chuck charlie",
            "richard rick dick rich", "thomas tom tommy", "elizabeth liz beth betty", "margaret maggie peggy", "edward ed ted eddie",
            "theodore ted teddy", "christopher chris", "daniel dan danny", "david dave", "donald don", "ronald ron", "kenneth ken",
            "steven stephen steve", "anthony tony", "alexander alex", "nicholas nick", "benjamin ben", "samuel sam", "jonathan jon",
            "katherine catherine kate kathy", "patricia pat patty", "jennifer jen", "rebecca becky", "susan sue", "deborah deb",
            "andrew andy", "gregory greg", "jeffrey jeff", "lawrence larry", "gerald jerry", "henry hank", "mitchell mitch",
            "bernard bernie", "volodymyr vladimir", "aleksandr alexander oleksandr", "sergei sergey serhiy", "dmitry dmitri",
        };
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var names = g.Split(' ').Select(NameKey.Skeleton).ToArray();
            foreach (var n in names) map.TryAdd(n, names[0]);
        }
        return map;
    }
}

/// <summary>
/// The people of one surname (its skeleton), indexed so that a lookup costs what the article and the name ask, not the
/// size of the group, which grows with the corpus: by given name (its nickname's full form), by the first letter of a given
/// name, by the first word of the display name, and the lists of those with and without a given name (a person moves from
/// the second to the first, never back: given names only grow). A person leaves a group only when merged into another.
/// </summary>
internal sealed class SurnameGroup
{
    private readonly HashSet<CorpusSpeaker> _members = new(ReferenceEqualityComparer.Instance);
    private readonly List<CorpusSpeaker> _withoutGiven = []; // in the order they joined
    private readonly List<CorpusSpeaker> _withGiven = [];
    private readonly HashSet<CorpusSpeaker> _hasGiven = new(ReferenceEqualityComparer.Instance);
    private readonly List<CorpusSpeaker> _withGivenAndRole = [];
    private readonly HashSet<CorpusSpeaker> _hasGivenAndRole = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<CorpusSpeaker>> _byNickname = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<CorpusSpeaker>> _byGivenLetter = [];
    private readonly Dictionary<char, List<CorpusSpeaker>> _byInitial = []; // a given name written as its initial alone
    private readonly Dictionary<string, List<CorpusSpeaker>> _byFirstWord = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _members.Count;

    /// <summary>Those with a given name (in no particular order).</summary>
    public IReadOnlyList<CorpusSpeaker> WithGiven => _withGiven;

    /// <summary>Those with a given name and a role.</summary>
    public IReadOnlyList<CorpusSpeaker> WithGivenAndRole => _withGivenAndRole;

    /// <summary>The first to join of those known by the surname alone.</summary>
    public CorpusSpeaker? FirstWithoutGiven => _withoutGiven.Count > 0 ? _withoutGiven[0] : null;

    public static string? FirstWord(string name) => name.IndexOf(' ', StringComparison.Ordinal) is var sp && sp > 0 ? name[..sp] : null;

    public void Add(CorpusSpeaker p)
    {
        if (!_members.Add(p)) return;
        p.Groups.Add(this);
        if (p.Givens.Count == 0) _withoutGiven.Add(p);
        foreach (var g in p.Givens) GivenAdded(p, g);
        NameChanged(p);
    }

    public void Remove(CorpusSpeaker p)
    {
        if (!_members.Remove(p)) return;
        p.Groups.Remove(this);
        if (_hasGiven.Remove(p)) _withGiven.Remove(p);
        else _withoutGiven.Remove(p);
        if (_hasGivenAndRole.Remove(p)) _withGivenAndRole.Remove(p);
        // Stale entries of the indexes stay: every look-up checks membership.
    }

    public void GivenAdded(CorpusSpeaker p, string given)
    {
        if (!_members.Contains(p)) return;
        if (p.Givens.Count > 0 && _hasGiven.Add(p))
        {
            _withoutGiven.Remove(p); // short: people known by the surname alone
            _withGiven.Add(p);
            if (p.Role is not null) RoleSet(p);
        }
        Index(_byNickname, SpeakerDirectory.NicknameOf(given), p);
        if (given.Length > 0)
        {
            Index(_byGivenLetter, given[0], p);
            if (given.Length == 1) Index(_byInitial, given[0], p);
        }
    }

    public void NameChanged(CorpusSpeaker p)
    {
        if (_members.Contains(p) && FirstWord(p.Name) is { } first) Index(_byFirstWord, first, p);
    }

    public void RoleSet(CorpusSpeaker p)
    {
        if (_hasGiven.Contains(p) && _hasGivenAndRole.Add(p)) _withGivenAndRole.Add(p);
    }

    private static void Index<TKey>(Dictionary<TKey, List<CorpusSpeaker>> index, TKey key, CorpusSpeaker p) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (list.Count == 0 || !ReferenceEquals(list[^1], p)) list.Add(p); // one person's names arrive together
    }

    /// <summary>
    /// Those who might be compatible with a given name (<paramref name="given"/> its skeleton, <paramref name="givenWord"/>
    /// as written): a given name with the same full form, or an initial on either side with the same letter. A superset
    /// of the compatible ones: the caller checks each.
    /// </summary>
    public List<CorpusSpeaker> Compatible(string given, string givenWord, string nickname)
    {
        var found = new List<CorpusSpeaker>();
        var seen = new HashSet<CorpusSpeaker>(ReferenceEqualityComparer.Instance);
        void Take(List<CorpusSpeaker>? list)
        {
            if (list is null) return;
            foreach (var p in list)
                if (_members.Contains(p) && seen.Add(p)) found.Add(p);
        }
        Take(_byNickname.GetValueOrDefault(nickname));
        if (given.Length > 0)
        {
            if (givenWord.Length == 1) Take(_byGivenLetter.GetValueOrDefault(given[0]));
            Take(_byInitial.GetValueOrDefault(given[0]));
        }
        return found;
    }

    /// <summary>How many people of the group with a given name have a display name whose first word is one of <paramref name="words"/>, and the one when there is one.</summary>
    public int NamedIn(HashSet<string> words, out CorpusSpeaker? only)
    {
        only = null;
        var found = 0;
        HashSet<CorpusSpeaker>? counted = null;
        foreach (var w in words)
        {
            if (!_byFirstWord.TryGetValue(w, out var list)) continue;
            foreach (var p in list)
            {
                if (!_members.Contains(p) || p.Givens.Count == 0 || !string.Equals(FirstWord(p.Name), w, StringComparison.OrdinalIgnoreCase)) continue;
                counted ??= new HashSet<CorpusSpeaker>(ReferenceEqualityComparer.Instance);
                if (!counted.Add(p)) continue;
                if (++found == 1) only = p;
            }
        }
        return found;
    }
}

