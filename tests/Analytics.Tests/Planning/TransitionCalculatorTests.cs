using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Tests.Classification;
using static DiaBan.Analytics.Classification.CommuneStatus;

namespace DiaBan.Analytics.Tests.Planning;

public class TransitionCalculatorTests
{
    private static UnitYearStatus U(string code, CommuneStatus? status, int? population = null) => new(code, status) { Population = population };

    [Fact]
    public void Units_present_both_years_fill_the_matrix_and_every_to_year_unit_is_counted_once()
    {
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2023, ToYear = 2024,
            From = [U("A", HasDrugs), U("B", HasDrugs), U("C", KeyTypeIII), U("D", DrugFree), U("GONE", KeyTypeI)],
            To = [U("A", DrugFree), U("B", HasDrugs), U("C", KeyTypeII), U("D", DrugFree), U("NEW", HasDrugs)],
        });

        Assert.Equal(5, matrix.Total);
        Assert.Equal(matrix.Total, matrix.Cells.Sum(c => c.Count));
        Assert.Equal(["A"], matrix.Cell(HasDrugs, DrugFree).Communes);
        Assert.Equal(["C"], matrix.Cell(KeyTypeIII, KeyTypeII).Communes);
        Assert.Equal(["NEW"], matrix.Cell(null, HasDrugs).Communes);
        Assert.Equal("not_assessed", matrix.Cell(null, HasDrugs).FromCode);
        Assert.Equal("has_drugs", matrix.Cell(HasDrugs, DrugFree).FromCode);
        Assert.Equal("drug_free", matrix.Cell(HasDrugs, DrugFree).ToCode);
        Assert.DoesNotContain(matrix.Cells, c => c.Communes.Contains("GONE"));
        Assert.Equal(0, matrix.Cell(KeyTypeI, DrugFree).Count);
        Assert.Equal(["A"], matrix.Improved.Select(u => u.UnitCode));
        Assert.Equal(["C"], matrix.Worsened.Select(u => u.UnitCode));
        Assert.Equal(StatusChange.NotComparable, matrix.Units.Single(u => u.UnitCode == "NEW").Change);
        Assert.All(matrix.Units, u => Assert.False(u.Derived));
    }

    [Fact]
    public void Cells_come_in_axis_order_rows_first_with_not_assessed_last()
    {
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2023, ToYear = 2024,
            From = [U("A", KeyTypeI), U("B", DrugFree)],
            To = [U("A", HasDrugs), U("B", HasDrugs), U("C", null)],
        });

        Assert.Equal([(DrugFree, HasDrugs), (KeyTypeI, HasDrugs), ((CommuneStatus?)null, (CommuneStatus?)null)],
            matrix.Cells.Select(c => (c.From, c.To)).ToArray());
    }

    [Fact]
    public void A_merged_unit_takes_a_derived_from_status_from_its_predecessors_and_is_flagged()
    {
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2024, ToYear = 2025,
            From = [U("o1", DrugFree), U("o2", KeyTypeIII), U("o3", DrugFree), U("o4", HasDrugs)],
            To = [U("n1", DrugFree), U("n2", HasDrugs)],
            Lineage = [new("n1", "o1", 1, 1), new("n1", "o2", 1, 1), new("n2", "o3", 1, 1), new("n2", "o4", 0.5, 0.5)],
        });

        var n1 = matrix.Units.Single(u => u.UnitCode == "n1");
        Assert.True(n1.Derived);
        Assert.Equal(KeyTypeIII, n1.From);
        Assert.Equal(StatusChange.Improved, n1.Change);
        Assert.Equal(["o1", "o2"], n1.Derivation!.Predecessors.Select(p => p.OldCode));
        Assert.Equal(HasDrugs, matrix.Units.Single(u => u.UnitCode == "n2").From);
        Assert.Equal(2, matrix.Total);
    }

    [Fact]
    public void A_split_old_unit_feeds_every_receiving_unit_but_only_new_units_are_counted()
    {
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2024, ToYear = 2025,
            From = [U("split", KeyTypeII), U("o2", DrugFree), U("o3", DrugFree)],
            To = [U("n1", KeyTypeII), U("n2", HasDrugs)],
            Lineage = [new("n1", "split", 0.6, 0.6), new("n1", "o2", 1, 1), new("n2", "split", 0.4, 0.4), new("n2", "o3", 1, 1)],
        });

        Assert.Equal(2, matrix.Cells.Sum(c => c.Count));
        Assert.Equal(["n1"], matrix.Cell(KeyTypeII, KeyTypeII).Communes);
        Assert.Equal(["n2"], matrix.Cell(KeyTypeII, HasDrugs).Communes);
    }

    [Fact]
    public void The_rule_asked_for_is_applied_and_reported()
    {
        var input = new TransitionInput
        {
            FromYear = 2024, ToYear = 2025,
            From = [U("small", KeyTypeIII, 1_000), U("big", DrugFree, 9_000)],
            To = [U("n", DrugFree)],
            Lineage = [new("n", "small", 1, 1), new("n", "big", 1, 1)],
        };

        var worst = TransitionCalculator.Compute(input);
        var weighted = TransitionCalculator.Compute(input with { Rule = PredecessorRule.PopulationWeighted });

        Assert.Equal(KeyTypeIII, worst.Units[0].From);
        Assert.Equal(StatusChange.Improved, worst.Units[0].Change);
        Assert.Equal(DrugFree, weighted.Units[0].From);
        Assert.Equal(StatusChange.Unchanged, weighted.Units[0].Change);
        Assert.Equal(PredecessorRule.PopulationWeighted, weighted.Rule);
        Assert.Equal(PredecessorRule.PopulationWeighted, weighted.Units[0].Derivation!.Rule);
    }

    [Fact]
    public void A_new_unit_that_reuses_an_old_code_is_still_derived_from_all_its_predecessors()
    {
        // 2025 new codes often repeat one of the merged units' codes: the lineage, not the code, says what the unit was
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2024, ToYear = 2025,
            From = [U("A", DrugFree), U("B", KeyTypeII)],
            To = [U("A", DrugFree)],
            Lineage = [new("A", "A", 1, 1), new("A", "B", 1, 1)],
        });

        Assert.True(matrix.Units[0].Derived);
        Assert.Equal(KeyTypeII, matrix.Units[0].From);
        Assert.Equal(StatusChange.Improved, matrix.Units[0].Change);
    }

    [Fact]
    public void A_unit_listed_twice_in_a_year_is_rejected_so_nothing_is_counted_twice()
    {
        var input = new TransitionInput { FromYear = 2023, ToYear = 2024, From = [U("A", HasDrugs)], To = [U("A", HasDrugs), U("A", DrugFree)] };

        var error = Assert.Throws<ArgumentException>(() => TransitionCalculator.Compute(input));
        Assert.Contains("A", error.Message);
    }

    [Fact]
    public void Drug_free_and_no_drug_vice_share_a_severity_so_moving_between_them_is_unchanged_but_its_own_cell()
    {
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2024, ToYear = 2025, From = [U("A", NoDrugVice)], To = [U("A", DrugFree)],
        });

        Assert.Equal(StatusChange.Unchanged, matrix.Units[0].Change);
        Assert.Equal(1, matrix.Cell(NoDrugVice, DrugFree).Count);
    }

    [Fact]
    public void Improved_and_worsened_units_carry_the_criteria_whose_outcome_changed_with_the_figures()
    {
        var rules = ShippedRuleSets.Decision28;
        var before = StatusClassifier.Classify(rules, Commune.Quiet() with { UnitCode = "A", Year = 2025, HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OffendersArrested = 12 });
        var after = StatusClassifier.Classify(rules, Commune.Quiet() with { UnitCode = "A", Year = 2026, HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60 });
        Assert.Equal(KeyTypeI, before.Status);
        Assert.NotEqual(KeyTypeI, after.Status);

        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2025, ToYear = 2026,
            From = [new("A", before.Status) { Assessment = before }],
            To = [new("A", after.Status) { Assessment = after }],
        });

        var unit = Assert.Single(matrix.Improved);
        var c = Assert.Single(unit.ChangedCriteria, x => x.ClassStatus == KeyTypeI && x.Code == "c");
        Assert.True(c.HeldBefore);
        Assert.False(c.HeldAfter);
        var rate = Assert.Single(c.Before, f => f.Name == "offenders_rate");
        Assert.Equal(0.0012, rate.Value!.Value, 9);
        Assert.Equal(0.0, Assert.Single(c.After, f => f.Name == "offenders_rate").Value);
        Assert.Contains(">= 0.001", rate.Threshold);
        Assert.DoesNotContain(unit.ChangedCriteria, x => x.ClassStatus == KeyTypeI && x.Code == "b");
    }
}
