package io.gatehouse.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expected messages are quoted from DIRAC v8's own documentation and tests. */
class ErrorsTest {

    @Test
    void diracCodesReadAsDiracWritesThem() {
        // docs/source/AdministratorGuide/Tutorials/managingIdentities.rst
        assertEquals("Unauthorized query ( 1111 : Unauthorized query)",
                Errors.format(Errors.ENOAUTH, "Unauthorized query"));
        assertEquals("Unauthorized query ( 1111 : x)", Errors.format(1111, "x"));
        // docs/source/DeveloperGuide/AddingNewComponents/Utilities/DErrno/index.rst
        assertEquals("Job to reschedule ( 1502 : this is the tech message)",
                Errors.format(Errors.EWMSRESC, "this is the tech message"));
        // src/DIRAC/Resources/MessageQueue/test/Test_MQConsumer.py
        assertEquals("No messages ( 1141 : No messages in queue)", Errors.format(Errors.EMQNOM, "No messages in queue"));
    }

    @Test
    void diracNamesAndTexts() {
        assertEquals(1000, Errors.ETYPE);
        assertEquals(1111, Errors.ENOAUTH);
        assertEquals(2002, Errors.ERESUNK);
        assertEquals("Object Type Error", Errors.strerror(Errors.ETYPE));
        assertEquals("Can't find a bearer access token.", Errors.strerror(Errors.EATOKENFIND));
        assertEquals("runtime general exception", Errors.strerror(Errors.EEEXCEPTION));
        assertEquals("Unknown Resource", Errors.strerror(Errors.ERESUNK));
    }

    @Test
    void posixNumbersKeepLinuxTexts() {
        // docs/source/DeveloperGuide/AddingNewComponents/CheckYourInstallation/index.rst
        assertEquals("Operation not permitted ( 1 : But I want to!)", Errors.format(Errors.EPERM, "But I want to!"));
        assertEquals("Permission denied ( 13 : No access to https://h:9135/x)",
                Errors.format(Errors.EACCES, "No access to https://h:9135/x"));
        assertEquals("Function not implemented", Errors.strerror(Errors.ENOSYS));
        assertEquals("Connection refused", Errors.strerror(Errors.ECONNREFUSED));
    }

    @Test
    void unknownAndZeroNumbers() {
        assertEquals("Unknown error 4242", Errors.strerror(4242));
        assertEquals("Unknown error 4242 ( 4242 : odd)", Errors.format(4242, "odd"));
        assertEquals("Unknown error 1006 ( 1006 : gap)", Errors.format(1006, "gap"));
        assertEquals("Unknown error -3 ( -3 : negative)", Errors.format(-3, "negative"));
        // DErrno.strerror(0), and S_ERROR(0, message) leaves the message alone
        assertEquals("Undefined error", Errors.strerror(0));
        assertEquals("plain", Errors.format(0, "plain"));
    }

    @Test
    void resultErrorCarriesDiracsMessage() {
        Result<Object> refused = Result.error(Errors.ENOAUTH, "Unauthorized query");
        assertEquals(1111, refused.errno());
        assertEquals("Unauthorized query ( 1111 : Unauthorized query)", refused.message());
        assertEquals("Unauthorized query ( 1111 : not in the Registry)",
                new ServiceException(1111, "not in the Registry").toResult().message());
        Result<Object> zero = Result.error(0, "declined");
        assertEquals(0, zero.errno());
        assertEquals("declined", zero.message());
    }
}
