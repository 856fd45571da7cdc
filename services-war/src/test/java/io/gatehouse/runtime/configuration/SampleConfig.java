package io.gatehouse.runtime.configuration;

/** Configuration texts shared by the tests. */
final class SampleConfig {

    private SampleConfig() {
    }

    /** Laid out the way DIRAC's CFG.serialize writes a dirac.cfg: braces on their own line, lists as "+=". */
    static final String DIRAC_WRITTEN = """
            DIRAC
            {
              Setup = Gatehouse-Test
            }
            Registry
            {
              #The group of users who have no DefaultGroup of their own
              DefaultGroup = dirac_user
              Users
              {
                alice
                {
                  DN = /C=ch/O=DIRAC/OU=Users/CN=alice
                  Email = alice@example.org
                  DefaultGroup = dirac_admin
                }
                bob
                {
                  #Two certificates
                  DN = /C=ch/O=DIRAC/OU=Users/CN=bob
                  DN += /C=fr/O=Other CA/CN=Bob Builder
                  Email = bob@example.org
                  Suspended = vo2
                }
                carol
                {
                  DN = /C=ch/O=DIRAC/OU=Users/CN=carol
                  Email = carol@example.org
                }
              }
              Groups
              {
                dirac_user
                {
                  Users = alice
                  Users += bob
                  Properties = NormalUser
                  VOMSRole = /dirac
                  VO = dirac
                }
                dirac_admin
                {
                  Users = alice
                  Properties = AlarmsManagement
                  Properties += ServiceAdministrator
                  Properties += CSAdministrator
                  VO = dirac
                }
                vo2_pilot
                {
                  Users = bob
                  Users += carol
                  Properties = GenericPilot
                  Properties += LimitedDelegation
                  VOMSRole = /vo2/Role=pilot
                  VO = vo2
                }
                auditors
                {
                  Users = carol
                  Properties = JobMonitor
                }
              }
              Hosts
              {
                dirac-server.example.org
                {
                  DN = /C=ch/O=DIRAC/OU=Hosts/CN=dirac-server.example.org
                  Properties = TrustedHost
                  Properties += CSAdministrator
                  Properties += FullDelegation
                }
              }
            }
            Systems
            {
              Framework
              {
                Services
                {
                  Hello
                  {
                    Port = 9196
                    Authorization
                    {
                      Default = authenticated
                      sayHello = all
                      sayGoodbye = NormalUser
                      sayGoodbye += ServiceAdministrator
                    }
                  }
                }
              }
            }
            """;
}
