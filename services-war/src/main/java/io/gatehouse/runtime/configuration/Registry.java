package io.gatehouse.runtime.configuration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * DIRAC's {@code /Registry}: users, groups and hosts, read as DIRAC's {@code Registry} helper reads them.
 *
 * <p>Every lookup reads the current tree; the index built from a tree is kept until the supplier hands out a
 * different tree object (see {@link Configuration#snapshot()}), so edits are seen without rebuilding per call.
 *
 * <pre>
 * Registry
 * {
 *   DefaultGroup = dirac_user
 *   Users
 *   {
 *     alice
 *     {
 *       DN = /C=ch/O=DIRAC/CN=alice
 *       DefaultGroup = dirac_user
 *       Suspended = vo2
 *     }
 *   }
 *   Groups
 *   {
 *     dirac_user
 *     {
 *       Users = alice, bob
 *       Properties = NormalUser
 *       VO = vo1
 *     }
 *   }
 *   Hosts
 *   {
 *     host.example.org
 *     {
 *       DN = /C=ch/O=DIRAC/CN=host.example.org
 *       Properties = TrustedHost
 *     }
 *   }
 * }
 * </pre>
 */
public class Registry {

    /** Where DIRAC keeps its registry. */
    public static final String ROOT = "/Registry";

    /**
     * The registry default group DIRAC assumes when {@code /Registry/DefaultGroup} is not set
     * ({@code findDefaultGroupForUser} reads it with the default {@code ["user"]}).
     */
    public static final String DIRAC_FALLBACK_DEFAULT_GROUP = "user";

    /** What DIRAC's VOMS synchronisation writes as {@code Suspended} once no VO is left; it names no VO. */
    static final String NO_SUSPENSION = "None";

    /**
     * A user of {@code /Registry/Users/<name>}.
     *
     * @param dns          the DN option read as a list: a user may have several certificates
     * @param defaultGroup the user's {@code DefaultGroup} option as written (DIRAC reads it as a list)
     * @param suspendedVOs the VOs named in the user's {@code Suspended} option, without DIRAC's {@code None}
     * @param groups       the groups whose {@code Users} list names the user, sorted by name as DIRAC's
     *                     {@code getGroupsForUser} sorts them
     */
    public record User(String name, List<String> dns, Optional<String> defaultGroup, List<String> suspendedVOs,
                       List<String> groups) {
        public User {
            dns = List.copyOf(dns);
            suspendedVOs = List.copyOf(suspendedVOs);
            groups = List.copyOf(groups);
        }

        /** Whether the user is in {@code group}'s {@code Users} list. */
        public boolean isMemberOf(String group) {
            return groups.contains(group);
        }
    }

    /**
     * A group of {@code /Registry/Groups/<name>}.
     *
     * @param vo the group's {@code VO} option, else the installation's {@code /DIRAC/VirtualOrganization}
     *           (a single-VO installation, as DIRAC's {@code getVOForGroup})
     */
    public record Group(String name, List<String> users, List<String> properties, Optional<String> vo) {
        public Group {
            users = List.copyOf(users);
            properties = List.copyOf(properties);
        }
    }

    /** A host of {@code /Registry/Hosts/<name>}. */
    public record Host(String name, List<String> dns, List<String> properties) {
        public Host {
            dns = List.copyOf(dns);
            properties = List.copyOf(properties);
        }
    }

    private final Supplier<ConfigTree> trees;
    private volatile Index index;

    /** The registry of {@code configuration}, following its edits. */
    public Registry(Configuration configuration) {
        this(configuration::snapshot);
    }

    /** The registry of whatever tree {@code trees} hands out at each lookup. */
    public Registry(Supplier<ConfigTree> trees) {
        this.trees = Objects.requireNonNull(trees, "trees");
    }

    /** The registry of a fixed tree. */
    public static Registry of(ConfigTree tree) {
        Objects.requireNonNull(tree, "tree");
        return new Registry(() -> tree);
    }

    /** For CDI's client proxies only; a proxy forwards every call to a real instance. */
    protected Registry() {
        this.trees = null;
    }

    /**
     * The user with {@code dn} among their DNs, compared as exact strings; the first such user in file order, as
     * DIRAC's {@code getUsernameForDN}.
     */
    public Optional<User> userByDN(String dn) {
        return Optional.ofNullable(index().usersByDN.get(dn));
    }

    /** The host with {@code dn} among its DNs, exact strings; the first in file order, as DIRAC. */
    public Optional<Host> hostByDN(String dn) {
        return Optional.ofNullable(index().hostsByDN.get(dn));
    }

    /** The user called {@code name}. */
    public Optional<User> user(String name) {
        return Optional.ofNullable(index().users.get(name));
    }

    /** The host called {@code name}. */
    public Optional<Host> host(String name) {
        return Optional.ofNullable(index().hosts.get(name));
    }

    /** The group called {@code name}. */
    public Optional<Group> group(String name) {
        return Optional.ofNullable(index().groups.get(name));
    }

    /** The names of the registry's groups. */
    public java.util.Set<String> groupNames() {
        return java.util.Collections.unmodifiableSet(index().groups.keySet());
    }

    /** {@code /Registry/DefaultGroup} as written, if set and not blank. */
    public Optional<String> defaultGroup() {
        return index().defaultGroup;
    }

    /**
     * The group a call from {@code user} runs in (PROTOCOL: "the user's DefaultGroup, else the registry's
     * DefaultGroup, else the user's first group"):
     * <ol>
     *   <li>{@code requestedGroup}, when given and not blank, as is. Whether the user belongs to it is for the
     *       caller to check ({@link User#isMemberOf}); a group is never substituted for the one asked for.</li>
     *   <li>else the first of the user's {@code DefaultGroup} entries that the user belongs to;</li>
     *   <li>else the first of {@code /Registry/DefaultGroup}'s entries that the user belongs to, that option
     *       defaulting to {@value #DIRAC_FALLBACK_DEFAULT_GROUP} when absent, as in DIRAC;</li>
     *   <li>else the user's first group by name (DIRAC sorts them);</li>
     *   <li>else nothing: the user is in no group.</li>
     * </ol>
     * Defaults are lists, as DIRAC reads them ({@code getValue(..., [])}).
     */
    public Optional<String> groupFor(User user, Optional<String> requestedGroup) {
        Optional<String> requested = requestedGroup.map(String::strip).filter(group -> !group.isEmpty());
        if (requested.isPresent()) {
            return requested;
        }
        for (String group : user.defaultGroup().map(ConfigTree::splitList).orElse(List.of())) {
            if (user.isMemberOf(group)) {
                return Optional.of(group);
            }
        }
        for (String group : index().registryDefaultGroups) {
            if (user.isMemberOf(group)) {
                return Optional.of(group);
            }
        }
        return user.groups().stream().findFirst();
    }

    /**
     * Whether {@code user} is suspended for {@code vo}. DIRAC's {@code Suspended} option lists the VOs in which the
     * user is suspended (its VOMS synchronisation adds the VO, and writes {@code None} once none is left); DIRAC has
     * no wildcard, so a value such as {@code all} is just a VO name. Hence:
     * <ul>
     *   <li>with a VO: suspended if that VO is listed (exact, case-sensitive);</li>
     *   <li>without a VO (the group has none): suspended if any VO is listed. DIRAC would not check at all there;
     *       refusing is the safe reading for a gateway that cannot tell which VO is meant;</li>
     *   <li>an absent or empty option, or only {@code None}: not suspended.</li>
     * </ul>
     */
    public boolean isSuspended(User user, Optional<String> vo) {
        Optional<String> named = vo.map(String::strip).filter(name -> !name.isEmpty());
        return named.map(user.suspendedVOs()::contains).orElse(!user.suspendedVOs().isEmpty());
    }

    private Index index() {
        ConfigTree tree = trees.get();
        Index current = index;
        if (current == null || current.tree != tree) {
            current = new Index(tree);
            index = current;
        }
        return current;
    }

    /** Everything looked up, built once per tree. */
    private static final class Index {

        final ConfigTree tree;
        final Map<String, Group> groups = new LinkedHashMap<>();
        final Map<String, User> users = new LinkedHashMap<>();
        final Map<String, Host> hosts = new LinkedHashMap<>();
        final Map<String, User> usersByDN = new LinkedHashMap<>();
        final Map<String, Host> hostsByDN = new LinkedHashMap<>();
        final Optional<String> defaultGroup;
        final List<String> registryDefaultGroups;

        Index(ConfigTree tree) {
            this.tree = tree;
            Optional<String> installationVO = nonBlank(tree.option("/DIRAC/VirtualOrganization"));
            for (String name : tree.sections(ROOT + "/Groups")) {
                String path = ROOT + "/Groups/" + name + "/";
                groups.put(name, new Group(name, distinct(tree.list(path + "Users")),
                        distinct(tree.list(path + "Properties")),
                        nonBlank(tree.option(path + "VO")).or(() -> installationVO)));
            }
            for (String name : tree.sections(ROOT + "/Users")) {
                String path = ROOT + "/Users/" + name + "/";
                List<String> suspended = new ArrayList<>(distinct(tree.list(path + "Suspended")));
                suspended.remove(NO_SUSPENSION);
                TreeSet<String> memberOf = new TreeSet<>();
                groups.values().stream().filter(group -> group.users().contains(name))
                        .forEach(group -> memberOf.add(group.name()));
                User user = new User(name, distinct(tree.list(path + "DN")),
                        nonBlank(tree.option(path + "DefaultGroup")), suspended, new ArrayList<>(memberOf));
                users.put(name, user);
                user.dns().forEach(dn -> usersByDN.putIfAbsent(dn, user));
            }
            for (String name : tree.sections(ROOT + "/Hosts")) {
                String path = ROOT + "/Hosts/" + name + "/";
                Host host = new Host(name, distinct(tree.list(path + "DN")), distinct(tree.list(path + "Properties")));
                hosts.put(name, host);
                host.dns().forEach(dn -> hostsByDN.putIfAbsent(dn, host));
            }
            Optional<String> configured = tree.option(ROOT + "/DefaultGroup");
            this.defaultGroup = nonBlank(configured);
            this.registryDefaultGroups = configured.map(ConfigTree::splitList)
                    .orElse(List.of(DIRAC_FALLBACK_DEFAULT_GROUP));
        }

        private static List<String> distinct(List<String> items) {
            return Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(items)));
        }

        private static Optional<String> nonBlank(Optional<String> value) {
            return value.map(String::strip).filter(text -> !text.isEmpty());
        }
    }
}
