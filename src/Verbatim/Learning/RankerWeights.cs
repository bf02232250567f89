namespace Verbatim.Learning;

/// <summary>
/// What the three rankers trained on PolNeAR (content edges, source choice, source and cue edges) share: the averaged
/// perceptron that trains their weight tables, the mean of several runs that ships, and the way a table is stored as a
/// section of the content-tagger file (its marker, its size in bits, then the non-zero weights as <see cref="SparseRows"/>
/// with half floats: the same table, the same bytes).
/// </summary>
internal static class RankerWeights
{
    /// <summary>
    /// Perceptrons trained per model and averaged (parameter mixing): run 0 sees the examples in the data's order, the
    /// others in orders shuffled with fixed seeds. One perceptron's weights swing with the order of its examples: a small
    /// change to the drafts it learns from moved the trained pipeline's scores by ±0.003 on the kept-back fifths of train.
    /// The mean of three runs swings less and scored better there (attributions F1 +0.006, direct quotes with the right
    /// source +0.010); five scored as three. Three runs still swung: the same code trained with three other shuffle seeds
    /// gave attributions F1 0.522–0.525 on those fifths, and a rule fix could not be told from its seeds. Nine runs
    /// scored 0.5255 there (above all three), at twice the training time.
    /// </summary>
    public const int Runs = 9;

    /// <summary>The order of <paramref name="count"/> examples in one epoch of one run: the data's order in run 0, else a
    /// fixed shuffle (Fisher–Yates with a seed of the run and the epoch).</summary>
    public static int[] Order(int count, int run, int epoch)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        if (run == 0) return order;
        var random = new Random(run * 7919 + epoch);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The mean of the tables <paramref name="trainRun"/> gives for runs 0 to <see cref="Runs"/> − 1.</summary>
    public static float[] Mix(Func<int, float[]> trainRun)
    {
        float[]? mean = null;
        for (int run = 0; run < Runs; run++)
        {
            var table = trainRun(run);
            AddMean(mean ??= new float[table.Length], table, Runs);
        }
        return mean!;
    }

    /// <summary>Adds <paramref name="table"/> / <paramref name="runs"/> into <paramref name="mean"/>.</summary>
    public static void AddMean(float[] mean, float[] table, int runs)
    {
        for (int i = 0; i < mean.Length; i++) mean[i] += table[i] / runs;
    }

    /// <summary>An averaged perceptron over one weight table: move towards the right candidate's features and away
    /// from the guessed one's, once per example (<see cref="Next"/>), then average.</summary>
    public sealed class Perceptron(int size)
    {
        private readonly float[] _weights = new float[size];
        private readonly float[] _sums = new float[size];
        private int _step = 1;

        /// <summary>The current (not averaged) weights, which the training search scores with.</summary>
        public float[] Current => _weights;

        public void Update(ReadOnlySpan<int> right, ReadOnlySpan<int> guess)
        {
            foreach (int f in right) { _weights[f] += 1; _sums[f] += _step; }
            foreach (int f in guess) { _weights[f] -= 1; _sums[f] -= _step; }
        }

        public void Next() => _step++;

        /// <summary>The averaged weights (the table is reused: train no further after this).</summary>
        public float[] Averaged()
        {
            for (int i = 0; i < _weights.Length; i++) _weights[i] -= _sums[i] / _step;
            return _weights;
        }
    }

    public static void Save(BinaryWriter w, int marker, int bits, float[] weights)
    {
        w.Write(marker);
        w.Write(bits);
        SparseRows.Write(w, weights, weights.Length, stride: 1, columns: 1);
    }

    /// <summary>Reads a table saved by <see cref="Save"/>, its marker already read.</summary>
    public static float[] Load(BinaryReader r, int bits, string what)
    {
        if (r.ReadInt32() != bits) throw new InvalidDataException($"the {what} was trained with another feature table size");
        return SparseRows.ReadHalf(r, 1 << bits, stride: 1, columns: 1, "the " + what);
    }
}
