using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>The allowlist format of shared/nano/api-allowlist.txt, and the project's supplement file.</summary>
    [TestClass]
    public class ApiAllowlistTests
    {
        [TestMethod]
        public void ExclamationEntryForbidsAMemberAWildcardAllows()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.Enum::*\n!System.Enum::GetValues(*)\n");
            Assert.IsTrue(list.IsMemberAllowed("System.Enum", "HasFlag", "System.Enum"));
            Assert.IsFalse(list.IsMemberAllowed("System.Enum", "GetValues", "System.Type"));
        }

        [TestMethod]
        public void ParametersMustMatchExactlyUnlessStar()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.Array::Copy(System.Array,System.Array,System.Int32)\nSystem.String::Concat(*)\n");
            Assert.IsTrue(list.IsMemberAllowed("System.Array", "Copy", "System.Array,System.Array,System.Int32"));
            Assert.IsFalse(list.IsMemberAllowed("System.Array", "Copy", "System.Array,System.Array,System.Int64"));
            Assert.IsTrue(list.IsMemberAllowed("System.String", "Concat", "System.Object,System.Object"));
        }

        [TestMethod]
        public void ListedMemberMakesItsTypeNameableButNotItsOtherMembers()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.GC::SuppressFinalize(System.Object)\n");
            Assert.IsTrue(list.IsTypeAllowed("System.GC"));
            Assert.IsFalse(list.IsMemberAllowed("System.GC", "Collect", string.Empty));
        }

        [TestMethod]
        public void ForbiddenWildcardTypeForbidsTheTypeAndItsMembers()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.*::ToString()\n!System.ValueTuple*\n");
            Assert.IsFalse(list.IsTypeAllowed("System.ValueTuple`2"));
            Assert.IsFalse(list.IsMemberAllowed("System.ValueTuple`2", "ToString", string.Empty));
            Assert.IsTrue(list.IsMemberAllowed("System.Int32", "ToString", string.Empty));
        }

        [TestMethod]
        public void FieldEntryWithoutParenthesesMatchesTheField()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.String::Empty\n");
            Assert.IsTrue(list.IsMemberAllowed("System.String", "Empty", null));
            Assert.IsFalse(list.IsMemberAllowed("System.String", "Join", "System.String,System.String[]"));
        }

        [TestMethod]
        public void FieldOnDotNetIsAllowedByTheGetterItIsOnNanoFramework()
        {
            ApiAllowlist list = ApiAllowlist.Parse("System.BitConverter::get_IsLittleEndian()\n");
            Assert.IsTrue(list.IsMemberAllowed("System.BitConverter", "IsLittleEndian", null));
            Assert.IsFalse(list.IsMemberAllowed("System.BitConverter", "IsLittleEndian", "System.Int32"));
        }

        [TestMethod]
        public void SharedAllowlistLoadsFromBesideTheRepository()
        {
            ApiAllowlist list = RepositoryLayout.LoadAllowlist();
            Assert.IsTrue(list.Count > 300, "entries: " + list.Count);
            Assert.IsTrue(list.IsMemberAllowed("System.Array", "Copy", "System.Array,System.Int32,System.Array,System.Int32,System.Int32"));
            Assert.IsFalse(list.IsMemberAllowed("System.String", "Replace", "System.String,System.String"));
        }

        [TestMethod]
        public void EverySupplementEntryQuotesTheFactsLineThatProvesIt()
        {
            string facts = File.ReadAllText(RepositoryLayout.FactsPath);
            string[] lines = File.ReadAllLines(RepositoryLayout.SupplementPath);
            string quote = null;
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.StartsWith("# FACTS.md:", StringComparison.Ordinal))
                {
                    quote = line.Substring("# FACTS.md:".Length).Trim();
                    continue;
                }

                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                Assert.IsNotNull(quote, "supplement entry '" + line + "' needs a '# FACTS.md: <quoted text>' line before it");
                Assert.IsTrue(quote.Length >= 10 && facts.Contains(quote, StringComparison.Ordinal), "the quote before '" + line + "' is not in FACTS.md: " + quote);
                quote = null;
            }

            ApiAllowlist.Parse(string.Join("\n", lines)); // and the file parses
        }
    }
}
