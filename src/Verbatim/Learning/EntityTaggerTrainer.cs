namespace Verbatim.Learning;

/// <summary>
/// Trains the entity tagger: a structured averaged perceptron over BILOU tags, documents in an order shuffled by a
/// fixed seed, sentences in document order (later sentences see the labels the model gave earlier ones, as when tagging).
/// Single-threaded and free of other randomness, so the same data, seed and epochs give the same model bytes.
/// </summary>
public static class EntityTaggerTrainer
{
    private const int T = EntityTags.Count;

    public static EntityTagger Train(IReadOnlyList<EntityDocument> docs, EntityLexicon lexicon, int epochs, ulong seed = 20030601, Action<string>? log = null)
    {
        var w = new float[EntityFeatures.Size * T];
        var u = new double[w.Length];         // update × time, for averaging
        var tr = new float[(T + 1) * T];
        var tu = new double[tr.Length];
        var ws = new EntityTagger.Workspace();
        var fx = ws.Features;
        var order = Enumerable.Range(0, docs.Count).ToArray();
        var rng = new SplitMix(seed);
        Span<int> buffer = stackalloc int[EntityFeatures.MaxFeatures];
        byte[] guess = new byte[256];
        double c = 1;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)(rng.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            int wrong = 0, total = 0;
            foreach (int di in order)
            {
                var doc = docs[di];
                var gold = doc.Gold ?? throw new ArgumentException($"document {doc.Id} has no gold tags");
                fx.Prepare(doc.Text, doc.Tokens, doc.Sentences, lexicon);
                foreach (var s in doc.Sentences)
                {
                    int len = s.EndToken - s.FirstToken;
                    if (len <= 0) continue;
                    if (guess.Length < len) guess = new byte[len * 2];
                    var g = guess.AsSpan(0, len);
                    EntityTagger.EmitTraining(ws, s.FirstToken, s.EndToken, w);
                    EntityTagger.Viterbi(ws, len, tr, g);
                    for (int k = 0; k < len; k++)
                    {
                        int i = s.FirstToken + k;
                        total++;
                        int yg = gold[i], yp = g[k];
                        int pg = k == 0 ? EntityTags.Start : gold[i - 1];
                        int pp = k == 0 ? EntityTags.Start : g[k - 1];
                        if (yg == yp && pg == pp) continue;
                        if (yg != yp)
                        {
                            wrong++;
                            int count = fx.Extract(i, s.FirstToken, s.EndToken, buffer);
                            for (int f = 0; f < count; f++)
                            {
                                int at = buffer[f] * T;
                                w[at + yg] += 1; u[at + yg] += c;
                                w[at + yp] -= 1; u[at + yp] -= c;
                            }
                        }
                        tr[pg * T + yg] += 1; tu[pg * T + yg] += c;
                        tr[pp * T + yp] -= 1; tu[pp * T + yp] -= c;
                    }
                    fx.Remember(s.FirstToken, g);
                    c++;
                }
            }
            log?.Invoke($"epoch {epoch + 1}: {wrong} of {total} tokens tagged wrong ({100.0 * wrong / Math.Max(1, total):F2}%)");
        }
        for (int i = 0; i < w.Length; i++) w[i] = (float)(w[i] - u[i] / c);
        for (int i = 0; i < tr.Length; i++) tr[i] = (float)(tr[i] - tu[i] / c);
        return EntityTagger.FromTrained(w, tr, lexicon);
    }

    /// <summary>A tiny fixed pseudo-random sequence (SplitMix64), the same on every platform.</summary>
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
