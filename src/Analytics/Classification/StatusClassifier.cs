namespace DiaBan.Analytics.Classification;

/// <summary>
/// Applies a <see cref="RuleSet"/> to one unit's figures in three-valued logic: every class and criterion is evaluated
/// and recorded; the first class (most severe first) that holds gives the status, the rule set's fallback when none
/// holds, and <see cref="CommuneStatus.InsufficientData"/> when a class ahead of that decision is open because a figure
/// is missing (a class that holds whatever the missing figures are still decides).
/// </summary>
public static class StatusClassifier
{
    public static StatusAssessmentResult Classify(RuleSet ruleSet, IndicatorFigures figures)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(figures);
        // rule sets built or edited in memory bypass Parse: check them before trusting their shape
        RuleSetValidator.ThrowIfInvalid(ruleSet);

        var criteria = EvaluateCriteria(ruleSet, figures);
        var classes = ruleSet.Classes.Select((c, i) => EvaluateClass(c, criteria[i])).ToArray();

        CommuneStatus? decided = null;
        string? label = null;
        bool determined = true, provisional = false;
        foreach (var evaluation in classes)
        {
            provisional |= evaluation.Provisional;
            if (evaluation.Holds is null) { determined = false; continue; }
            if (evaluation.Holds == true) { decided = evaluation.Status; label = evaluation.Label; break; }
        }

        var missing = classes.SelectMany(c => c.Criteria).Aggregate(IndicatorField.None, (acc, e) => acc | e.MissingInputs);
        // an open class ahead of the decision means a missing figure could change the class: say so, guess nothing
        var status = !determined ? CommuneStatus.InsufficientData : decided ?? ruleSet.Fallback.Status;
        return new StatusAssessmentResult
        {
            UnitCode = figures.UnitCode,
            Year = figures.Year,
            Status = status,
            StatusLabel = !determined ? CommuneStatus.InsufficientData.VietnameseLabel() : label ?? ruleSet.Fallback.Label,
            RuleSetId = ruleSet.Id,
            RuleSetVersion = ruleSet.Version,
            Regime = ruleSet.Regime,
            Provisional = provisional,
            Determined = determined,
            MissingInputs = missing.Split(),
            Classes = classes,
        };
    }

    // threshold criteria first, then route criteria, which count the threshold criteria of the classes they reference
    private static CriterionEvaluation[][] EvaluateCriteria(RuleSet ruleSet, IndicatorFigures figures)
    {
        var result = ruleSet.Classes
            .Select(c => c.Criteria.Select(r => r.Condition is null ? null : EvaluateThreshold(c.Status, r, figures)).ToArray())
            .ToArray();
        for (var i = 0; i < ruleSet.Classes.Count; i++)
        {
            var cls = ruleSet.Classes[i];
            for (var j = 0; j < cls.Criteria.Count; j++)
            {
                if (cls.Criteria[j].Route is not { } route) continue;
                var referenced = ruleSet.Classes
                    .Select((c, k) => (c.Status, Evaluations: result[k]))
                    .Where(x => route.ReferenceStatuses.Contains(x.Status))
                    .SelectMany(x => x.Evaluations.OfType<CriterionEvaluation>().Where(e => e.Condition is not null))
                    .ToArray();
                result[i][j] = RouteEvaluator.Evaluate(cls.Status, cls.Criteria[j], figures, referenced);
            }
        }
        return result.Select(row => row.Select(e => e!).ToArray()).ToArray();
    }

    private static CriterionEvaluation EvaluateThreshold(CommuneStatus status, CriterionRule rule, IndicatorFigures figures)
    {
        var condition = ConditionEvaluator.Evaluate(rule.Condition!, figures);
        return new CriterionEvaluation
        {
            ClassStatus = status,
            Code = rule.Code,
            Description = rule.Description,
            Held = condition.Held,
            Confirmed = condition.Confirmed,
            Provisional = !condition.Robust,
            MissingInputs = condition.Missing,
            Condition = condition,
        };
    }

    // "at least k of n": a decision is provisional when flipping unconfirmed criteria could change it
    private static ClassEvaluation EvaluateClass(StatusClassRule rule, CriterionEvaluation[] criteria)
    {
        var k = rule.MinCriteria;
        var held = criteria.Count(c => c.Held == true);
        var unknown = criteria.Count(c => c.Held is null);
        bool? holds = held >= k ? true : held + unknown < k ? false : null;
        bool provisional;
        if (!rule.MinCriteriaConfirmed) provisional = true;
        else if (holds == true) provisional = criteria.Count(c => c.Held == true && !c.Provisional) < k;
        else provisional = held + criteria.Count(c => c.Held == false && c.Provisional) >= k;
        return new ClassEvaluation
        {
            Status = rule.Status,
            Label = rule.Label,
            MinCriteria = k,
            MinCriteriaConfirmed = rule.MinCriteriaConfirmed,
            HeldCount = held,
            UnknownCount = unknown,
            Holds = holds,
            Provisional = provisional,
            Criteria = criteria,
        };
    }
}
