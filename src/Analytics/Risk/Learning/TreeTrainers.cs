using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace DiaBan.Analytics.Risk.Learning;

/// <summary>The ML.NET FastTree trainers the risk model uses, configured from <see cref="RiskOptions"/>.</summary>
internal static class TreeTrainers
{
    public static FastTreeBinaryTrainer Binary(MLContext ml, RiskOptions options, int trees, bool weighted) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            ExampleWeightColumnName = weighted ? MlRows.WeightColumn : null,
            NumberOfTrees = trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfThreads = options.Threads,
            Seed = options.Seed,
        });

    /// <summary>
    /// Tweedie index 1 = Poisson deviance on a log link (Yang, Qian &amp; Zou 2018). Trained on y/E weighted by E, so the
    /// output is a multiple of the offset E and the expected count is E × output.
    /// </summary>
    public static FastTreeTweedieTrainer Count(MLContext ml, RiskOptions options) =>
        ml.Regression.Trainers.FastTreeTweedie(new FastTreeTweedieTrainer.Options
        {
            LabelColumnName = MlRows.CountColumn,
            FeatureColumnName = nameof(TrainingRow.Features),
            ExampleWeightColumnName = MlRows.WeightColumn,
            Index = 1.0,
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfThreads = options.Threads,
            Seed = options.Seed,
        });

}
