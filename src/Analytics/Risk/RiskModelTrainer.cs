using System.Globalization;
using DiaBan.Analytics.Risk.Learning;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DiaBan.Analytics.Risk;

/// <summary>Fits the parts of a <see cref="RiskModel"/> at one origin, using only rows whose label quarter ≤ origin.</summary>
internal static class RiskModelTrainer
{
    private const int MinimumStatusRows = 20;

    public static RiskModel Train(RiskFeatureAssembler features, int origin, RiskOptions options)
    {
        var panel = features.Panel;
        int first = RiskFeatureAssembler.MinimumHistory - 1;
        if (origin < first + 1 || origin >= panel.QuarterCount)
            throw new ArgumentOutOfRangeException(nameof(origin), "Origin needs at least one labelled quarter of history inside the panel.");
        var ml = new MLContext(options.Seed);

        // Rows (u, t) with label quarter t+1 ≤ origin; the newest CalibrationQuarters label quarters are the calibration slice.
        var rows = new List<(int Unit, int T)>();
        for (int t = first; t + 1 <= origin; t++)
            for (int u = 0; u < panel.UnitCount; u++) rows.Add((u, t));
        var matrix = rows.Select(r => features.Row(r.Unit, r.T)).ToArray();
        var training = rows.Select((r, i) => new TrainingRow
        {
            Label = features.BinaryLabel(r.Unit, r.T),
            Count = (float)features.CountLabel(r.Unit, r.T),
            Features = matrix[i],
        }).ToArray();

        // Calibration as in scikit-learn's CalibratedClassifierCV(ensemble=False): probes trained without the newest
        // CalibrationQuarters label quarters score them out of time, the stack (RecentStacking) is fitted on those
        // scores, and the final models (same settings, all rows) are combined with it, so no recent data is lost.
        int calibrationStart = origin - options.CalibrationQuarters; // rows with t >= this form the calibration slice
        var baseRows = training.Where((_, i) => rows[i].T < calibrationStart).ToArray();
        var slice = training.Where((_, i) => rows[i].T >= calibrationStart).ToArray();
        bool calibrate = options.CalibrationQuarters > 0 && HasBothClasses(baseRows) && HasBothClasses(slice);
        if (!HasBothClasses(training))
            throw new InvalidOperationException("Training rows hold only one class; the classifier cannot be fitted.");

        int featureCount = features.FeatureCount;
        var trainingView = MlRows.Training(ml, training, featureCount);
        var classifier = TreeTrainers.Binary(ml, options, options.Trees, weighted: false).Fit(trainingView);
        var contributions = ml.Transforms.CalculateFeatureContribution(classifier, featureCount, featureCount, normalize: false)
            .Fit(trainingView);
        var countRows = rows.Select((r, i) => CountRow(features, r, training[i], matrix[i])).ToArray();
        var count = TreeTrainers.Count(ml, options).Fit(MlRows.Training(ml, countRows, featureCount));
        RecentStacking? stacking = null;
        var metrics = new Dictionary<string, double>();
        if (calibrate)
        {
            // Probes fitted without the slice score it out of time; the stack is fitted on those scores and then
            // applied to the final trees (same settings, all rows), as Platt scaling was before.
            var sliceRows = rows.Where(r => r.T >= calibrationStart).ToArray();
            var sliceView = MlRows.Training(ml, slice, featureCount);
            var probe = TreeTrainers.Binary(ml, options, options.Trees, weighted: false).Fit(MlRows.Training(ml, baseRows, featureCount));
            var probeScore = probe.Transform(sliceView).GetColumn<float>("Score").Select(v => (double)v).ToArray();
            var baseCountRows = countRows.Where((_, i) => rows[i].T < calibrationStart).ToArray();
            var countProbe = TreeTrainers.Count(ml, options).Fit(MlRows.Training(ml, baseCountRows, featureCount));
            var probeCount = countProbe.Transform(sliceView).GetColumn<float>("Score")
                .Select((v, i) => v * features.CountOffset(sliceRows[i].Unit, sliceRows[i].T)).ToArray();
            var mean4 = sliceRows.Select(r => features.RecentMean(r.Unit, r.T)).ToArray();
            stacking = RecentStacking.Fit(probeScore, mean4, slice.Select(r => r.Label).ToArray(), probeCount,
                slice.Select(r => (double)r.Count).ToArray());
            HoldoutMetrics(probeScore, mean4, stacking, slice, metrics);
        }
        var probability = Chain(classifier, contributions);
        var status = options.TrainStatusModel ? TrainStatus(ml, features, origin, options) : null;
        var members = Enumerable.Range(1, options.UncertaintyMembers)
            .Select(b => TrainMember(ml, training, rows, panel.UnitCount, options, b, featureCount))
            .ToArray();

        using var hash = new TrainingDataHash();
        for (int i = 0; i < rows.Count; i++)
            hash.Add(panel.UnitIds[rows[i].Unit], panel.Quarters[rows[i].T], matrix[i], training[i].Label, training[i].Count);
        metrics["training_positive_share"] = training.Count(r => r.Label) / (double)training.Length;
        var version = new RiskModelVersion(
            panel.Quarters[first + 1], panel.Quarters[origin], options.Guard,
            features.Features.Select(f => f.Name).ToArray(),
            Parameters(options, stacking, slice.Length, status is not null),
            metrics, training.Length, hash.Finish());
        return new RiskModel(ml, version, probability, count, status, members, stacking, options.ReasonCount);
    }

    // Poisson with an offset E (the shrunk history mean, RiskFeatureAssembler.CountOffset) is weighted Poisson
    // regression of y/E with weights E; FastTreeTweedie's leaf step log(Σw·y/Σw·e^s) is then the offset-Poisson MLE.
    private static TrainingRow CountRow(RiskFeatureAssembler features, (int Unit, int T) r, TrainingRow row, float[] values)
    {
        double offset = features.CountOffset(r.Unit, r.T);
        return new TrainingRow { Count = (float)(row.Count / offset), Weight = (float)offset, Features = values };
    }

    private static bool HasBothClasses(TrainingRow[] rows) => rows.Any(r => r.Label) && !rows.All(r => r.Label);

    private static ITransformer Chain(params ITransformer?[] parts) =>
        new TransformerChain<ITransformer>(parts.Where(p => p is not null).Cast<ITransformer>().ToArray());

    // Delete-half jackknife over communes (Shao & Wu 1989, delete-d with d = n/2: the factor (n−d)/d is 1, so the
    // spread of the half-sample fits estimates the full fit's variance directly); whole communes go, not single rows.
    private static ITransformer TrainMember(MLContext ml, TrainingRow[] training, List<(int Unit, int T)> rows, int units,
        RiskOptions options, int member, int featureCount)
    {
        var order = Enumerable.Range(0, units).ToArray();
        new Random(options.Seed + 7919 * member).Shuffle(order);
        var kept = order.Take(units / 2).ToHashSet();
        var half = training.Where((_, i) => kept.Contains(rows[i].Unit)).ToArray();
        if (!HasBothClasses(half)) half = training;
        return TreeTrainers.Binary(ml, options, options.Trees, weighted: false).Fit(MlRows.Training(ml, half, featureCount));
    }

    private static ITransformer? TrainStatus(MLContext ml, RiskFeatureAssembler features, int origin, RiskOptions options)
    {
        var panel = features.Panel;
        var rows = new List<TrainingRow>();
        for (int t = RiskFeatureAssembler.MinimumHistory - 1; t <= origin; t++)
            for (int u = 0; u < panel.UnitCount; u++)
            {
                bool? worse = features.StatusWorsened(u, t, out int labelPosition);
                if (worse is null || labelPosition > origin) continue;
                rows.Add(new TrainingRow { Label = worse.Value, Features = features.Row(u, t) });
            }
        if (rows.Count < MinimumStatusRows || rows.All(r => r.Label) || !rows.Any(r => r.Label)) return null;
        return TreeTrainers.Binary(ml, options, options.Trees, weighted: false)
            .Fit(MlRows.Training(ml, rows, features.FeatureCount));
    }

    private static void HoldoutMetrics(double[] score, double[] mean4, RecentStacking stacking,
        TrainingRow[] slice, Dictionary<string, double> metrics)
    {
        var labels = slice.Select(r => r.Label).ToArray();
        var p = score.Select((s, i) => stacking.Probability(s, mean4[i])).ToArray();
        if (ForecastMetrics.Auc(p, labels) is double auc) metrics["holdout_auc"] = auc;
        if (ForecastMetrics.Brier(p, labels) is double brier) metrics["holdout_brier"] = brier;
        for (int k = 0; k < stacking.Weights.Count; k++) metrics[$"stack_w{k}"] = stacking.Weights[k];
        metrics["count_blend"] = stacking.CountBlend;
    }

    private static Dictionary<string, string> Parameters(RiskOptions o, RecentStacking? stacking, int sliceRows, bool status)
    {
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["trainer"] = "ML.NET FastTree 5.0.1 (binary), FastTreeTweedie index 1 with history-mean offset (count)",
            ["trees"] = F(o.Trees),
            ["leaves"] = F(o.Leaves),
            ["min_examples_per_leaf"] = F(o.MinExamplesPerLeaf),
            ["learning_rate"] = F(o.LearningRate),
            ["calibration"] = stacking is not null
                ? $"stacked logistic on [tree score, ln(1+4-quarter mean)] and count blend b = {F(stacking.CountBlend)} with the 4-quarter mean, fitted on out-of-time probes over the last {o.CalibrationQuarters} label quarters ({sliceRows} rows)"
                : "FastTree's own Platt fit on the training rows (calibration slice empty or one class only)",
            ["uncertainty"] = $"delete-half jackknife over communes, {F(o.UncertaintyMembers)} members",
            ["status_model"] = status ? "trained" : "not trained",
            ["seed"] = F(o.Seed),
        };
    }
}
