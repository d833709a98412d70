using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OpenModel.Analyzers.Razor;

/// <summary>
/// Decides which generated syntax trees are Razor output (the C# the Razor source generator writes for a .razor or
/// .cshtml file) and which parts of such a tree the user wrote. Everything else the compiler marks as generated stays
/// out of analysis.
/// </summary>
/// <remarks>
/// A Razor tree is recognised by two facts that must agree: its hint name (<c>Pages_Chat_razor.g.cs</c>,
/// <c>Pages_Index_cshtml.g.cs</c> from the source generator; <c>Chat.razor.g.cs</c> from the pre-generator RazorCompile
/// target) and the <c>#pragma checksum</c> the generator writes on its first line, which names the .razor/.cshtml file.
/// A name alone could be any hand-written or third-party file. User code in the tree is exactly what a <c>#line</c>
/// directive maps back to that file; the generator wraps its own code (render-tree builder calls for literal markup,
/// attribute plumbing, class scaffolding) in <c>#line hidden</c>/<c>#line default</c>, or writes it before the first
/// directive.
/// </remarks>
internal static class RazorGeneratedCode
{
    private static readonly ConditionalWeakTable<SyntaxTree, object> Verdicts = new();
    private static readonly object Razor = new();
    private static readonly object NotRazor = new();

    public static bool IsRazorTree(SyntaxTree? tree)
    {
        if (tree is null || !HasRazorName(tree.FilePath))
        {
            return false;
        }

        return Verdicts.GetValue(tree, t => ChecksumNamesRazorFile(t) ? Razor : NotRazor) == Razor;
    }

    /// <summary>Whether the text at <paramref name="position"/> is code the user wrote in the .razor/.cshtml file.</summary>
    /// <remarks>
    /// Asked for every operation of a Razor tree by every rule with operation actions, so it is a binary search over the
    /// tree's regions between line directives (computed once per tree): visibility and mapping only change at a
    /// directive, and each region's verdict is Roslyn's own for the region's first position.
    /// </remarks>
    public static bool IsUserCode(SyntaxTree tree, int position) => Regions.GetValue(tree, UserCodeRegions.Of).Contains(position);

    /// <summary>
    /// Whether an operation of generated code at <paramref name="position"/> is for the rules: Razor output the user
    /// wrote. The filter asks this for every operation of every generated tree, tree after tree, so the verdict for the
    /// last tree a thread saw is kept (no path comparison or table lookup per operation).
    /// </summary>
    public static bool IsUserCodeInRazorTree(SyntaxTree tree, int position) => Last(tree).Regions?.Contains(position) == true;

    /// <summary>Whether <paramref name="position"/> is in a Razor tree and the generator, not the user, wrote it there.</summary>
    public static bool IsGeneratorCode(SyntaxTree tree, int position) => Last(tree).Regions?.Contains(position) == false;

    private static LastTree Last(SyntaxTree tree)
    {
        var last = _lastTree;
        if (last is null || last.Tree != tree)
        {
            last = _lastTree = new LastTree(tree, IsRazorTree(tree) ? Regions.GetValue(tree, UserCodeRegions.Of) : null);
        }

        return last;
    }

    // One tree per thread stays referenced until the thread analyses another: a tree, not a compilation.
    [ThreadStatic]
    private static LastTree? _lastTree;

    private sealed class LastTree(SyntaxTree tree, UserCodeRegions? regions)
    {
        public SyntaxTree Tree { get; } = tree;

        /// <summary>Null when the tree is not Razor output.</summary>
        public UserCodeRegions? Regions { get; } = regions;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, UserCodeRegions> Regions = new();

    private static bool IsUserCodeAt(SyntaxTree tree, int position)
    {
        if (tree.GetLineVisibility(position) != LineVisibility.Visible)
        {
            return false;
        }

        // "#line default" makes lines visible again but maps them to the .g.cs itself: generator scaffolding.
        return tree.GetMappedLineSpan(new TextSpan(position, 0)).HasMappedPath;
    }

    /// <summary>The start of each region (sorted) and whether the user wrote it; a region runs to the next start.</summary>
    private sealed class UserCodeRegions
    {
        private readonly int[] _starts;
        private readonly bool[] _user;

        private UserCodeRegions(int[] starts, bool[] user)
        {
            _starts = starts;
            _user = user;
        }

        public static UserCodeRegions Of(SyntaxTree tree)
        {
            // A directive takes effect on the line after it: a region starts at each line that follows a "#line" line.
            // The text is scanned instead of the syntax (walking directive to directive is quadratic); a "#line" at
            // the start of a line inside a string only adds a boundary, and every region still gets Roslyn's verdict.
            var text = tree.GetText();
            var starts = new List<int> { 0 };
            foreach (var line in text.Lines)
            {
                if (IsLineDirective(text, line.Start, line.End) && line.EndIncludingLineBreak > starts[starts.Count - 1])
                {
                    starts.Add(line.EndIncludingLineBreak);
                }
            }

            return new UserCodeRegions(starts.ToArray(), starts.Select(start => start < tree.Length && IsUserCodeAt(tree, start)).ToArray());
        }

        private static bool IsLineDirective(SourceText text, int start, int end)
        {
            var at = start;
            while (at < end && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            if (at >= end || text[at] != '#')
            {
                return false;
            }

            at++;
            while (at < end && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            return at + 4 <= end && text[at] == 'l' && text[at + 1] == 'i' && text[at + 2] == 'n' && text[at + 3] == 'e';
        }

        public bool Contains(int position)
        {
            var index = Array.BinarySearch(_starts, position);
            return _user[index >= 0 ? index : ~index - 1];
        }
    }

    /// <summary>
    /// Whether a finding at this location stays: anywhere outside Razor trees, and in a Razor tree only where the user
    /// wrote the code it starts at. A finding that starts in generator-written code is dropped, never moved.
    /// </summary>
    public static bool IsReportable(Location location) =>
        location.SourceTree is not { } tree || !IsRazorTree(tree) || IsUserCode(tree, location.SourceSpan.Start);

    internal static bool HasRazorName(string path) =>
        path.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".razor.g.cs", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".cshtml.g.cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>The generator's first directive is <c>#pragma checksum "/path/Chat.razor" "{guid}" "hash"</c>.</summary>
    private static bool ChecksumNamesRazorFile(SyntaxTree tree)
    {
        // Only the leading trivia of the first token is read: the checksum is on line 1 of every Razor output.
        var first = tree.GetRoot().GetFirstToken(includeZeroWidth: true);
        foreach (var trivia in first.LeadingTrivia)
        {
            if (trivia.IsKind(SyntaxKind.PragmaChecksumDirectiveTrivia) && trivia.GetStructure() is PragmaChecksumDirectiveTriviaSyntax checksum)
            {
                var file = checksum.File.ValueText;
                return file.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }
}
