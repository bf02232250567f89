namespace Verbatim.Evaluation;

/// <summary>One equal-width confidence bin: [Low, High) (the last bin includes 1.0).</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>Expected calibration error with its bins: ECE = Σ_b (n_b / N) · |accuracy_b − mean confidence_b|.</summary>
public sealed record CalibrationReport(double Ece, int Count, IReadOnlyList<CalibrationBin> Bins)
{
    /// <summary>Confidences are clamped to [0, 1]; bin b holds c with ⌊c·bins⌋ = b, and 1.0 goes to the last bin.
    /// With no predictions the ECE is 0.</summary>
    public static CalibrationReport Compute(IEnumerable<(double Confidence, bool Correct)> predictions, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var n = new int[bins];
        var confSum = new double[bins];
        var right = new int[bins];
        int total = 0;
        foreach (var (confidence, correct) in predictions)
        {
            double c = double.IsNaN(confidence) ? 0 : Math.Clamp(confidence, 0, 1);
            // A hair of tolerance so that 0.3 (stored as 0.29999…) lands in bin 3, as written.
            int b = Math.Min((int)Math.Floor(c * bins + 1e-9), bins - 1);
            n[b]++;
            confSum[b] += c;
            if (correct) right[b]++;
            total++;
        }
        double ece = 0;
        var list = new CalibrationBin[bins];
        for (int b = 0; b < bins; b++)
        {
            double mean = n[b] == 0 ? 0 : confSum[b] / n[b];
            double acc = n[b] == 0 ? 0 : (double)right[b] / n[b];
            if (n[b] > 0) ece += (double)n[b] / total * Math.Abs(acc - mean);
            list[b] = new CalibrationBin((double)b / bins, (double)(b + 1) / bins, n[b], mean, acc);
        }
        return new CalibrationReport(ece, total, list);
    }
}
