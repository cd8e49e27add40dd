using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Risk;

/// <summary>One small synthetic province and one fully trained model, shared by the tests of this class.</summary>
public sealed class TrainedModelFixture
{
    public TrainedModelFixture()
    {
        Observed = SyntheticWorld.Create(new SyntheticPanelOptions { Units = 60, Quarters = 16, Seed = 21 }).Observe();
        Origin = Panel.Quarters[13];
        Model = RiskModel.Train(Panel, Origin);
        Scores = Model.Score(Panel, Origin);
    }

    public SyntheticPanel Observed { get; }

    public UnitQuarterPanel Panel => Observed.Panel;

    public int Origin { get; }

    public RiskModel Model { get; }

    public IReadOnlyList<CommuneRisk> Scores { get; }
}

public class RiskModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Scores_every_commune_for_the_next_quarter_with_sane_ranges()
    {
        Assert.Equal(fixture.Panel.UnitCount, fixture.Scores.Count);
        foreach (var s in fixture.Scores)
        {
            Assert.Equal(fixture.Origin + 1, s.ForQuarter);
            Assert.InRange(s.Probability, 0, 1);
            Assert.InRange(s.ExpectedCount, 0, 1000);
            Assert.InRange(s.StatusWorsenProbability!.Value, 0, 1);
            Assert.True(s.ProbabilityLow <= s.Probability && s.Probability <= s.ProbabilityHigh);
            Assert.Equal(Math.Min(1, s.Probability + 1.645 * s.ProbabilitySd), s.ProbabilityHigh, 9);
            Assert.True(s.ProbabilitySd >= 0);
            Assert.InRange(s.Reasons.Count, 0, 3);
            Assert.All(s.Reasons, r => Assert.True(r.Contribution > 0));
        }
        Assert.Contains(fixture.Scores, s => s.ProbabilitySd > 0); // five half-sample members disagree somewhere
        Assert.Contains(fixture.Scores, s => s.Reasons.Count == 3);
        Assert.True(fixture.Model.HasStatusModel);
    }

    [Fact]
    public void Reasons_are_ordered_by_contribution_and_name_a_catalogue_feature_with_its_value()
    {
        var catalog = RiskFeatureCatalog.For(fixture.Model.Version.Guard).Select(f => f.Name).ToList();
        bool adjusted = fixture.Model.Version.Guard == FeedbackGuard.ExposureAdjusted;
        foreach (var s in fixture.Scores)
        {
            Assert.Equal(s.Reasons.OrderByDescending(r => r.Contribution).Select(r => r.Feature), s.Reasons.Select(r => r.Feature));
            foreach (var r in s.Reasons)
            {
                Assert.Contains(r.Feature, catalog);
                Assert.Equal(adjusted, r.ExposureAdjusted);
                Assert.True(double.IsFinite(r.Value));
            }
        }
    }

    [Fact]
    public void Version_records_the_window_features_and_a_sha256_of_the_rows()
    {
        var v = fixture.Model.Version;
        Assert.Equal(fixture.Panel.Quarters[4], v.TrainingFromQuarter);  // first row at position 3 is labelled by position 4
        Assert.Equal(fixture.Origin, v.TrainingToQuarter);
        Assert.Equal("2019-Q1", CalendarQuarter.FromOrdinal(fixture.Panel.Quarters[0]).Label);
        Assert.Equal("2020-Q1…2022-Q2", v.TrainingWindow);
        Assert.Equal(RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).Select(f => f.Name), v.FeatureNames);
        Assert.Equal(60 * 10, v.TrainingRows);                              // row positions 3…12
        Assert.Matches("^[0-9a-f]{64}$", v.DataHash);
        Assert.True(v.Metrics.ContainsKey("holdout_brier"));
        Assert.InRange(v.Metrics["count_blend"], 0, 1);                    // the stack was fitted on the calibration slice
    }

    [Fact]
    public void Saved_model_loads_and_scores_identically()
    {
        using var stream = new MemoryStream();
        fixture.Model.Save(stream);
        stream.Position = 0;
        var loaded = RiskModel.Load(stream);
        var again = loaded.Score(fixture.Panel, fixture.Origin);
        Assert.Equal(fixture.Model.Version.DataHash, loaded.Version.DataHash);
        Assert.Equal(fixture.Model.Version.FeatureNames, loaded.Version.FeatureNames);
        Assert.Equal(5, loaded.UncertaintyMembers);
        for (int i = 0; i < again.Count; i++)
        {
            Assert.Equal(fixture.Scores[i].Probability, again[i].Probability, 6);
            Assert.Equal(fixture.Scores[i].ExpectedCount, again[i].ExpectedCount, 6);
            Assert.Equal(fixture.Scores[i].ProbabilitySd, again[i].ProbabilitySd, 6);
            Assert.Equal(fixture.Scores[i].StatusWorsenProbability!.Value, again[i].StatusWorsenProbability!.Value, 6);
            Assert.Equal(fixture.Scores[i].Reasons.Select(r => (r.Feature, r.Value)), again[i].Reasons.Select(r => (r.Feature, r.Value)));
        }
    }

    [Fact]
    public void Training_ignores_everything_after_the_origin()
    {
        var options = new RiskOptions { UncertaintyMembers = 0, TrainStatusModel = false, Trees = 30 };
        int origin = fixture.Panel.Quarters[10];
        var changed = TestPanels.ScrambleAfter(fixture.Panel, 10, seed: 5);
        var a = RiskModel.Train(fixture.Panel, origin, options);
        var b = RiskModel.Train(changed, origin, options);
        Assert.Equal(a.Version.DataHash, b.Version.DataHash);
        Assert.Equal(a.Score(fixture.Panel, origin).Select(s => s.Probability), b.Score(changed, origin).Select(s => s.Probability));
    }

    [Fact]
    public void Data_hash_changes_when_a_training_row_changes()
    {
        var options = new RiskOptions { UncertaintyMembers = 0, TrainStatusModel = false, Trees = 10 };
        int origin = fixture.Panel.Quarters[10];
        var changed = TestPanels.Copy(fixture.Panel);
        changed.Counts[7, 6, (int)IncidentKind.Tip, (int)DiscoverySource.Reported] += 1;
        Assert.NotEqual(RiskModel.Train(fixture.Panel, origin, options).Version.DataHash,
            RiskModel.Train(changed, origin, options).Version.DataHash);
    }

    [Fact]
    public void Scoring_a_subset_gives_the_same_numbers_as_scoring_all()
    {
        int[] province = [5, 17, 42];
        var subset = fixture.Model.Score(fixture.Panel, fixture.Origin, province);
        Assert.Equal(province.Select(u => fixture.Scores[u].Probability), subset.Select(s => s.Probability));
        Assert.Equal(province.Select(u => fixture.Panel.UnitIds[u]), subset.Select(s => s.UnitId));
    }

    [Fact]
    public void A_model_refuses_a_panel_assembled_with_another_guard()
    {
        var naive = new RiskFeatureAssembler(fixture.Panel, FeedbackGuard.None);
        Assert.Throws<ArgumentException>(() => fixture.Model.Score(naive, fixture.Origin));
    }
}
