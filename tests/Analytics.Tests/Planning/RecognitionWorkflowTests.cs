using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Tests.Classification;
using static DiaBan.Analytics.Planning.RecognitionAction;
using static DiaBan.Analytics.Planning.RecognitionRole;
using static DiaBan.Analytics.Planning.RecognitionState;

namespace DiaBan.Analytics.Tests.Planning;

public class RecognitionWorkflowTests
{
    private const string Unit = "31117";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

    // the expected machine, written out independently of RecognitionWorkflow.Rules
    private static readonly Dictionary<(RecognitionState, RecognitionAction), RecognitionState> Legal = new()
    {
        [(NotProposed, Propose)] = Proposed,
        [(Returned, Propose)] = Proposed,
        [(Refused, Propose)] = Proposed,
        [(Revoked, Propose)] = Proposed,
        [(Proposed, Return)] = Returned,
        [(Appraised, Return)] = Returned,
        [(Proposed, Appraise)] = Appraised,
        [(Appraised, Recognise)] = Recognised,
        [(Appraised, Refuse)] = Refused,
        [(Recognised, Recheck)] = Recognised,
        [(Recognised, Revoke)] = Revoked,
    };

    private static readonly Dictionary<RecognitionAction, RecognitionRole[]> Allowed = new()
    {
        [Propose] = [Police, Admin],
        [Return] = [Planner, Leader, Admin],
        [Appraise] = [Planner, Leader, Admin],
        [Recognise] = [Leader, Admin],
        [Refuse] = [Leader, Admin],
        [Recheck] = [Planner, Leader, Admin],
        [Revoke] = [Leader, Admin],
    };

    private static readonly Dictionary<RecognitionState, RecognitionAction[]> PathTo = new()
    {
        [NotProposed] = [],
        [Proposed] = [Propose],
        [Returned] = [Propose, Return],
        [Appraised] = [Propose, Appraise],
        [Recognised] = [Propose, Appraise, Recognise],
        [Refused] = [Propose, Appraise, Refuse],
        [Revoked] = [Propose, Appraise, Recognise, Revoke],
    };

    private static CriteriaSnapshot Snapshot(int year) => new(Commune.Quiet() with { UnitCode = Unit, Year = year });

    /// <summary>A command carrying everything the action needs, so only the state and the role can make it fail.</summary>
    private static RecognitionCommand Full(RecognitionAction action, RecognitionRole role, int minutes) => new()
    {
        Action = action, Actor = $"{role.Code()}@diaban.local", Role = role, At = T0.AddMinutes(minutes),
        Year = action switch { Propose => 2025, Recheck => 2026, _ => null },
        Snapshot = action switch { Propose => Snapshot(2025), Recheck => Snapshot(2026), _ => null },
        Reasons = action is Return or Refuse or Revoke ? ["Thiếu biên bản họp dân"] : [],
        Decision = action is Recognise or Refuse or Revoke ? new DecisionRef("123/QĐ-UBND", new DateOnly(2026, 1, 5)) : null,
    };

    private static RecognitionCase CaseIn(RecognitionState state)
    {
        var current = RecognitionCase.New(Unit);
        var minute = 0;
        foreach (var action in PathTo[state])
        {
            var outcome = current.Apply(Full(action, Admin, minute++));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
            current = outcome.Case;
        }
        Assert.Equal(state, current.State);
        return current;
    }

    public static TheoryData<RecognitionState, RecognitionAction> EveryStateAndAction()
    {
        var data = new TheoryData<RecognitionState, RecognitionAction>();
        foreach (var state in Enum.GetValues<RecognitionState>())
        {
            foreach (var action in Enum.GetValues<RecognitionAction>()) data.Add(state, action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Every_state_and_action_is_legal_exactly_as_the_table_says(RecognitionState state, RecognitionAction action)
    {
        var before = CaseIn(state);

        var outcome = before.Apply(Full(action, Admin, 100));

        if (Legal.TryGetValue((state, action), out var next))
        {
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
            Assert.Equal(next, outcome.Case.State);
            Assert.Equal(next, RecognitionWorkflow.Next(state, action));
            var step = outcome.Case.Steps[^1];
            Assert.Equal((action, state, next), (step.Action, step.From, step.To));
        }
        else
        {
            var error = Assert.Single(outcome.Errors);
            Assert.Equal(RecognitionErrorKind.IllegalStep, error.Kind);
            Assert.Same(before, outcome.Case);
            Assert.Null(RecognitionWorkflow.Next(state, action));
        }
    }

    public static TheoryData<RecognitionAction, RecognitionRole> EveryActionAndRole()
    {
        var data = new TheoryData<RecognitionAction, RecognitionRole>();
        foreach (var action in Enum.GetValues<RecognitionAction>())
        {
            foreach (var role in Enum.GetValues<RecognitionRole>()) data.Add(action, role);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionAndRole))]
    public void Every_role_may_take_exactly_its_actions(RecognitionAction action, RecognitionRole role)
    {
        var state = Legal.Keys.First(k => k.Item2 == action).Item1;

        var outcome = CaseIn(state).Apply(Full(action, role, 100));

        var allowed = Allowed[action].Contains(role);
        Assert.Equal(allowed, outcome.Succeeded);
        Assert.Equal(allowed, RecognitionWorkflow.MayTake(role, action));
        if (!allowed) Assert.Equal(RecognitionErrorKind.RoleNotAllowed, Assert.Single(outcome.Errors).Kind);
    }

    [Theory]
    [InlineData(Recognise)]
    [InlineData(Refuse)]
    [InlineData(Revoke)]
    public void Planners_cannot_decide(RecognitionAction decision)
    {
        var state = decision == Revoke ? Recognised : Appraised;

        var outcome = CaseIn(state).Apply(Full(decision, Planner, 100));

        Assert.False(outcome.Succeeded);
        Assert.Equal(RecognitionErrorKind.RoleNotAllowed, Assert.Single(outcome.Errors).Kind);
        Assert.DoesNotContain(decision, RecognitionWorkflow.Available(state, Planner));
    }

    [Fact]
    public void Available_actions_are_the_buttons_a_role_sees()
    {
        Assert.Equal([Return, Appraise], RecognitionWorkflow.Available(Proposed, Planner));
        Assert.Equal([Return, Recognise, Refuse], RecognitionWorkflow.Available(Appraised, Leader));
        Assert.Equal([Propose], RecognitionWorkflow.Available(Returned, Police));
        Assert.Empty(RecognitionWorkflow.Available(Proposed, Police));
    }

    [Fact]
    public void A_proposal_returned_and_proposed_again_is_recognised_rechecked_and_revoked_with_its_whole_history()
    {
        var c = RecognitionCase.New(Unit);
        c = Ok(c.Apply(Full(Propose, Police, 0) with { Evidence = [Evidence()] }));
        c = Ok(c.Apply(Full(Return, Planner, 1) with { Reasons = ["Thiếu số liệu người nghiện quý IV"] }));
        c = Ok(c.Apply(Full(Propose, Police, 2) with { Note = "Bổ sung số liệu" }));
        c = Ok(c.Apply(Full(Appraise, Planner, 3)));
        c = Ok(c.Apply(Full(Recognise, Leader, 4)));
        Assert.Equal(2025, c.RecognisedYear);
        c = Ok(c.Apply(Full(Recheck, Planner, 5)));
        Assert.Equal(2026, c.RecognisedYear);
        c = Ok(c.Apply(Full(Revoke, Leader, 6) with { Reasons = ["Phát sinh 2 người sử dụng trái phép"] }));

        Assert.Equal(Revoked, c.State);
        Assert.Null(c.RecognisedYear);
        Assert.Equal([Propose, Return, Propose, Appraise, Recognise, Recheck, Revoke], c.Steps.Select(s => s.Action));
        Assert.Equal(["police@diaban.local", "planner@diaban.local"], c.Steps.Take(2).Select(s => s.Actor));
        Assert.Equal("Thiếu số liệu người nghiện quý IV", Assert.Single(c.Steps[1].Reasons));
        Assert.Equal("Bổ sung số liệu", c.Steps[2].Note);
        Assert.Equal(2025, c.Steps[4].Year);
        Assert.Equal("123/QĐ-UBND", c.Steps[4].Decision!.Number);
        Assert.Single(c.Steps[0].Evidence);

        var replayed = RecognitionCase.Replay(Unit, c.Steps);
        Assert.Equal(c.Steps, replayed.Steps);
        Assert.Equal(c.State, replayed.State);
    }

    [Fact]
    public void Applying_a_step_leaves_the_earlier_case_untouched()
    {
        var proposed = CaseIn(Proposed);

        var appraised = proposed.Apply(Full(Appraise, Planner, 10)).Case;

        Assert.Single(proposed.Steps);
        Assert.Equal(Proposed, proposed.State);
        Assert.Equal(2, appraised.Steps.Count);
    }

    [Fact]
    public void A_tampered_history_does_not_replay()
    {
        var steps = CaseIn(Recognised).Steps.ToList();
        steps[1] = steps[1] with { Role = Police };

        Assert.Throws<InvalidOperationException>(() => RecognitionCase.Replay(Unit, steps));
    }

    public static TheoryData<RecognitionState, RecognitionCommand, string> MissingOrInvalid() => new()
    {
        { NotProposed, Full(Propose, Police, 100) with { Snapshot = null }, "Snapshot" },
        { NotProposed, Full(Propose, Police, 100) with { Year = null }, "Year" },
        { NotProposed, Full(Propose, Police, 100) with { Snapshot = new(Commune.Quiet() with { UnitCode = "99999", Year = 2025 }) }, "Snapshot" },
        { NotProposed, Full(Propose, Police, 100) with { Snapshot = Snapshot(2024) }, "Snapshot" },
        { NotProposed, Full(Propose, Police, 100) with { Actor = " " }, "Actor" },
        { NotProposed, Full(Propose, Police, 100) with { Evidence = [Evidence() with { MediaType = "application/zip" }] }, "Evidence" },
        { NotProposed, Full(Propose, Police, 100) with { Evidence = [Evidence() with { SizeBytes = EvidencePolicy.MaxBytes + 1 }] }, "Evidence" },
        { NotProposed, Full(Propose, Police, 100) with { Evidence = [Evidence() with { Sha256 = "abc" }] }, "Evidence" },
        { Proposed, Full(Return, Planner, 100) with { Reasons = [] }, "Reasons" },
        { Proposed, Full(Return, Planner, 100) with { Reasons = ["  "] }, "Reasons" },
        { Proposed, Full(Appraise, Planner, 100) with { At = T0.AddDays(-1) }, "At" },
        { Appraised, Full(Recognise, Leader, 100) with { Decision = null }, "Decision" },
        { Appraised, Full(Recognise, Leader, 100) with { Decision = new("", new DateOnly(2026, 1, 5)) }, "Decision" },
        { Appraised, Full(Recognise, Leader, 100) with { Decision = new("1/QĐ", new DateOnly(2026, 2, 1)) }, "Decision" },
        { Appraised, Full(Recognise, Leader, 100) with { Year = 2024 }, "Year" },
        { Appraised, Full(Refuse, Leader, 100) with { Reasons = [] }, "Reasons" },
        { Recognised, Full(Recheck, Planner, 100) with { Year = 2025, Snapshot = Snapshot(2025) }, "Year" },
        { Recognised, Full(Revoke, Leader, 100) with { Reasons = [] }, "Reasons" },
        { Revoked, Full(Propose, Police, 100) with { Year = 2024, Snapshot = Snapshot(2024) }, "Year" },
    };

    [Theory]
    [MemberData(nameof(MissingOrInvalid))]
    public void A_step_missing_what_it_needs_is_refused_naming_the_field(RecognitionState state, RecognitionCommand command, string field)
    {
        var before = CaseIn(state);

        var outcome = before.Apply(command);

        Assert.False(outcome.Succeeded);
        Assert.Same(before, outcome.Case);
        Assert.Contains(outcome.Errors, e => e.Field == field && e.Kind is RecognitionErrorKind.MissingField or RecognitionErrorKind.InvalidField);
        Assert.DoesNotContain(outcome.Errors, e => e.Kind is RecognitionErrorKind.IllegalStep or RecognitionErrorKind.RoleNotAllowed);
    }

    [Fact]
    public void Role_codes_match_the_web_roles()
    {
        Assert.Equal(["police", "planner", "leader", "admin"], Enum.GetValues<RecognitionRole>().Select(r => r.Code()));
        Assert.All(Enum.GetValues<RecognitionRole>(), r => Assert.Equal(r, RecognitionWorkflow.RoleFromCode(r.Code())));
        Assert.Throws<ArgumentException>(() => RecognitionWorkflow.RoleFromCode("chairman"));
    }

    private static EvidenceFile Evidence() => new("bien-ban.pdf", "application/pdf", 200_000, new string('a', 64));

    private static RecognitionCase Ok(RecognitionOutcome outcome)
    {
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        return outcome.Case;
    }
}

public class EvidencePolicyTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x63, 0x72 }, null)] // "<scr": a script, whatever its name says
    [InlineData(new byte[] { 0x25, 0x50, 0x44 }, null)] // "%PD": cut short
    [InlineData(new byte[] { }, null)]
    public void The_media_type_is_what_the_first_bytes_prove(byte[] head, string? expected) =>
        Assert.Equal(expected, EvidencePolicy.SniffMediaType(head));

    [Fact]
    public void A_deployment_limit_below_the_ceiling_refuses_larger_files_and_cannot_raise_the_ceiling()
    {
        var file = new EvidenceFile("a.pdf", "application/pdf", 2048, new string('a', 64));
        Assert.Empty(EvidencePolicy.Check(file, 4096));
        Assert.Contains(EvidencePolicy.Check(file, 1024), p => p.Contains("1024"));
        Assert.NotEmpty(EvidencePolicy.Check(file with { SizeBytes = EvidencePolicy.MaxBytes + 1 }, long.MaxValue));
    }
}
