package io.gatehouse.api;

import static java.util.Map.entry;

import java.util.Map;

/**
 * Error numbers as DIRAC uses them, and its message format for {@code S_ERROR(errno, message)}.
 *
 * <p>Two kinds of number share one table, as in DIRAC's {@code DErrno.strerror}: DIRAC's own codes (1000 and
 * up, {@code DErrno.dStrError} of DIRAC v8, with DIRAC's names and texts, for example {@link #ENOAUTH} 1111
 * "Unauthorized query"), and the POSIX numbers Gatehouse uses, with the Linux {@code strerror} texts that
 * DIRAC's Python prints through {@code os.strerror}. DIRAC groups its codes by system, a hundred per system:
 * 10xx generic, 11xx Core, 14xx Config, 15xx WMS, 16xx DMS, 17xx RMS, 19xx Transformation, 20xx Resources.
 */
public final class Errors {

    // POSIX numbers (Linux values and texts)

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call: a client thread was interrupted while waiting for the reply. */
    public static final int EINTR = 4;
    /** Input/output error. */
    public static final int EIO = 5;
    /**
     * Resource temporarily unavailable: the service is there but not ready (its initialization has not succeeded
     * yet, HTTP 503); the same call may succeed later.
     */
    public static final int EAGAIN = 11;
    /** Permission denied: DIRAC's reading of HTTP 401 and 403. */
    public static final int EACCES = 13;
    /** File exists. */
    public static final int EEXIST = 17;
    /** Is a directory. */
    public static final int EISDIR = 21;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** File too large: an upload over the service's limit. */
    public static final int EFBIG = 27;
    /** Function not implemented: DIRAC's reading of HTTP 501. */
    public static final int ENOSYS = 38;
    /** Connection timed out: also a client's read timeout, after which the call may or may not have run. */
    public static final int ETIMEDOUT = 110;
    /** Connection refused: a client reached none of its URLs. */
    public static final int ECONNREFUSED = 111;

    // DIRAC's own codes (DErrno), generic: 100x Python related

    /** DIRAC: Object Type Error. */
    public static final int ETYPE = 1000;
    /** DIRAC: Failed to import library. */
    public static final int EIMPERR = 1001;
    /** DIRAC: No such method or function. */
    public static final int ENOMETH = 1002;
    /** DIRAC: Configuration error. */
    public static final int ECONF = 1003;
    /** DIRAC: Wrong value passed. */
    public static final int EVALUE = 1004;
    /** DIRAC: runtime general exception. */
    public static final int EEEXCEPTION = 1005;

    // generic, 101x: files

    /** DIRAC: Failed to create temporary file. */
    public static final int ECTMPF = 1010;
    /** DIRAC: Cannot open file. */
    public static final int EOF = 1011;
    /** DIRAC: Cannot read from file. */
    public static final int ERF = 1012;
    /** DIRAC: Cannot write to file. */
    public static final int EWF = 1013;
    /** DIRAC: Cannot set permissions to file. */
    public static final int ESPF = 1014;

    // Core, 110x: certificates and proxies

    /** DIRAC: Generic Error with X509. */
    public static final int EX509 = 1100;
    /** DIRAC: Can't find proxy. */
    public static final int EPROXYFIND = 1101;
    /** DIRAC: Can't read proxy. */
    public static final int EPROXYREAD = 1102;
    /** DIRAC: Can't find certificate. */
    public static final int ECERTFIND = 1103;
    /** DIRAC: Can't read certificate. */
    public static final int ECERTREAD = 1104;
    /** DIRAC: No certificate loaded. */
    public static final int ENOCERT = 1105;
    /** DIRAC: No chain loaded. */
    public static final int ENOCHAIN = 1106;
    /** DIRAC: No private key loaded. */
    public static final int ENOPKEY = 1107;
    /** DIRAC: No DIRAC group. */
    public static final int ENOGROUP = 1108;

    // Core, 111x: DISET

    /** DIRAC: DISET Error. */
    public static final int EDISET = 1110;
    /**
     * DIRAC: Unauthorized query. What a DISET service answers a caller its authorization rules refuse, as
     * {@code S_ERROR(ENOAUTH, "Unauthorized query")}.
     */
    public static final int ENOAUTH = 1111;

    // Core, 112x: third-party security

    /** DIRAC: 3rd party security service error. */
    public static final int E3RDPARTY = 1120;
    /** DIRAC: VOMS Error. */
    public static final int EVOMS = 1121;

    // Core, 113x: databases

    /** DIRAC: Database Error. */
    public static final int EDB = 1130;
    /** DIRAC: MySQL Error. */
    public static final int EMYSQL = 1131;
    /** DIRAC: SQLAlchemy Error. */
    public static final int ESQLA = 1132;

    // Core, 114x: message queues, Elasticsearch, processes

    /** DIRAC: Unknown MQ Error. */
    public static final int EMQUKN = 1140;
    /** DIRAC: No messages. */
    public static final int EMQNOM = 1141;
    /** DIRAC: MQ connection failure. */
    public static final int EMQCONN = 1142;
    /** DIRAC: Index not found (Elasticsearch). */
    public static final int EELNOFOUND = 1146;
    /** DIRAC: Zombie process. */
    public static final int EEZOMBIE = 1147;
    /** DIRAC: No PID of process. */
    public static final int EENOPID = 1148;

    // Core, 115x: tokens

    /** DIRAC: Can't find a bearer access token. */
    public static final int EATOKENFIND = 1150;
    /** DIRAC: Can't read a bearer access token. */
    public static final int EATOKENREAD = 1151;
    /** DIRAC: Unsupported access token type. */
    public static final int ETOKENTYPE = 1152;

    // Config, 14xx

    /** DIRAC: Section is not found. */
    public static final int ESECTION = 1400;

    // WMS and workflow, 15xx

    /** DIRAC: Unknown WMS error. */
    public static final int EWMSUKN = 1500;
    /** DIRAC: Invalid job description. */
    public static final int EWMSJDL = 1501;
    /** DIRAC: Job to reschedule. */
    public static final int EWMSRESC = 1502;
    /** DIRAC: Job submission error. */
    public static final int EWMSSUBM = 1503;
    /** DIRAC: Job management error. */
    public static final int EWMSJMAN = 1504;
    /** DIRAC: Job status error. */
    public static final int EWMSSTATUS = 1505;
    /** DIRAC: No match found. */
    public static final int EWMSNOMATCH = 1510;
    /** DIRAC: Pilot version does not match. */
    public static final int EWMSPLTVER = 1511;
    /** DIRAC: No pilots found. */
    public static final int EWMSNOPILOT = 1550;

    // DMS and StorageManagement, 16xx

    /** DIRAC: Bad file size. */
    public static final int EFILESIZE = 1601;
    /** DIRAC: Error with the gfal call. */
    public static final int EGFAL = 1602;
    /** DIRAC: Bad checksum. */
    public static final int EBADCKS = 1603;
    /** DIRAC: FileCatalog error. */
    public static final int EFCERR = 1604;

    // RMS, 17xx

    /** DIRAC: Unknown RMS error. */
    public static final int ERMSUKN = 1700;

    // Transformation System, 19xx

    /** DIRAC: Unknown Transformation System Error. */
    public static final int ETSUKN = 1900;
    /** DIRAC: Invalid Input Data definition. */
    public static final int ETSDATA = 1901;

    // Resources and RSS, 20xx

    /** DIRAC: Unknown Resource Failure. */
    public static final int ERESGEN = 2000;
    /** DIRAC: Resource not available. */
    public static final int ERESUNA = 2001;
    /** DIRAC: Unknown Resource. */
    public static final int ERESUNK = 2002;

    /** The text of every number above, word for word as DIRAC prints it. */
    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            // POSIX, Linux texts
            entry(EPERM, "Operation not permitted"),
            entry(ENOENT, "No such file or directory"),
            entry(EINTR, "Interrupted system call"),
            entry(EIO, "Input/output error"),
            entry(EAGAIN, "Resource temporarily unavailable"),
            entry(EACCES, "Permission denied"),
            entry(EEXIST, "File exists"),
            entry(EISDIR, "Is a directory"),
            entry(EINVAL, "Invalid argument"),
            entry(EFBIG, "File too large"),
            entry(ENOSYS, "Function not implemented"),
            entry(ETIMEDOUT, "Connection timed out"),
            entry(ECONNREFUSED, "Connection refused"),
            // DIRAC, DErrno.dStrError
            entry(ETYPE, "Object Type Error"),
            entry(EIMPERR, "Failed to import library"),
            entry(ENOMETH, "No such method or function"),
            entry(ECONF, "Configuration error"),
            entry(EVALUE, "Wrong value passed"),
            entry(EEEXCEPTION, "runtime general exception"),
            entry(ECTMPF, "Failed to create temporary file"),
            entry(EOF, "Cannot open file"),
            entry(ERF, "Cannot read from file"),
            entry(EWF, "Cannot write to file"),
            entry(ESPF, "Cannot set permissions to file"),
            entry(EX509, "Generic Error with X509"),
            entry(EPROXYFIND, "Can't find proxy"),
            entry(EPROXYREAD, "Can't read proxy"),
            entry(ECERTFIND, "Can't find certificate"),
            entry(ECERTREAD, "Can't read certificate"),
            entry(ENOCERT, "No certificate loaded"),
            entry(ENOCHAIN, "No chain loaded"),
            entry(ENOPKEY, "No private key loaded"),
            entry(ENOGROUP, "No DIRAC group"),
            entry(EDISET, "DISET Error"),
            entry(ENOAUTH, "Unauthorized query"),
            entry(E3RDPARTY, "3rd party security service error"),
            entry(EVOMS, "VOMS Error"),
            entry(EDB, "Database Error"),
            entry(EMYSQL, "MySQL Error"),
            entry(ESQLA, "SQLAlchemy Error"),
            entry(EMQUKN, "Unknown MQ Error"),
            entry(EMQNOM, "No messages"),
            entry(EMQCONN, "MQ connection failure"),
            entry(EELNOFOUND, "Index not found"),
            entry(EEZOMBIE, "Zombie process"),
            entry(EENOPID, "No PID of process"),
            entry(EATOKENFIND, "Can't find a bearer access token."),
            entry(EATOKENREAD, "Can't read a bearer access token."),
            entry(ETOKENTYPE, "Unsupported access token type."),
            entry(ESECTION, "Section is not found"),
            entry(EWMSUKN, "Unknown WMS error"),
            entry(EWMSJDL, "Invalid job description"),
            entry(EWMSRESC, "Job to reschedule"),
            entry(EWMSSUBM, "Job submission error"),
            entry(EWMSJMAN, "Job management error"),
            entry(EWMSSTATUS, "Job status error"),
            entry(EWMSNOMATCH, "No match found"),
            entry(EWMSPLTVER, "Pilot version does not match"),
            entry(EWMSNOPILOT, "No pilots found"),
            entry(EFILESIZE, "Bad file size"),
            entry(EGFAL, "Error with the gfal call"),
            entry(EBADCKS, "Bad checksum"),
            entry(EFCERR, "FileCatalog error"),
            entry(ERMSUKN, "Unknown RMS error"),
            entry(ETSUKN, "Unknown Transformation System Error"),
            entry(ETSDATA, "Invalid Input Data definition"),
            entry(ERESGEN, "Unknown Resource Failure"),
            entry(ERESUNA, "Resource not available"),
            entry(ERESUNK, "Unknown Resource"));

    private Errors() {
    }

    /**
     * The text DIRAC prints for an error number: {@code "Undefined error"} for 0, as DIRAC's
     * {@code DErrno.strerror}; {@code "Unknown error <n>"}, as Linux's, for a number not in the table.
     * POSIX numbers Gatehouse does not use are not in the table, so they read as unknown here where DIRAC's
     * {@code os.strerror} would name them.
     */
    public static String strerror(int errno) {
        if (errno == 0) {
            return "Undefined error";
        }
        return TEXTS.getOrDefault(errno, "Unknown error " + errno);
    }

    /**
     * DIRAC's message for {@code S_ERROR(errno, message)}: {@code "<strerror> ( <errno> : <message>)"}, for
     * example {@code "Unauthorized query ( 1111 : Unauthorized query)"}; the message unchanged for errno 0,
     * which DIRAC's {@code S_ERROR} does not decorate.
     */
    public static String format(int errno, String message) {
        if (errno == 0) {
            return message;
        }
        return strerror(errno) + " ( " + errno + " : " + message + ")";
    }
}
