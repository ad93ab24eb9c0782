#!/usr/bin/env python3
"""A local SMTP sink for the mail tests: listens on 127.0.0.1 (a free port,
written to DIR/port), speaks enough SMTP for one client at a time (EHLO,
HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS offered) and stores
each message it receives as DIR/N.eml (as received), DIR/N.env (MAIL FROM
and RCPT TO lines), and, decoded with Python's email package (an
independent reader of the headers and MIME parts), DIR/N.subject and
DIR/N.body. smtpd is deprecated in Python 3.11 and gone in 3.12, so this
uses sockets only.

    smtp-sink.py DIR
"""
import email
import email.policy
import os
import socket
import sys


def serve(d):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', 0))
    s.listen(4)
    with open(os.path.join(d, 'port.tmp'), 'w') as f:
        f.write(str(s.getsockname()[1]))
    os.rename(os.path.join(d, 'port.tmp'), os.path.join(d, 'port'))
    n = 0
    while True:
        c, _ = s.accept()
        n = session(c, d, n)


def session(c, d, n):
    f = c.makefile('rwb')

    def say(line):
        f.write(line.encode() + b'\r\n')
        f.flush()

    say('220 sink ESMTP')
    env = []
    while True:
        line = f.readline()
        if not line:
            break
        cmd = line.decode('ascii', 'replace').rstrip('\r\n')
        verb = cmd[:4].upper()
        if verb == 'EHLO':
            say('250-sink')
            say('250-8BITMIME')
            say('250 SIZE 10485760')
        elif verb == 'HELO':
            say('250 sink')
        elif verb == 'MAIL':
            env = [cmd]
            say('250 ok')
        elif verb == 'RCPT':
            env.append(cmd)
            say('250 ok')
        elif verb == 'DATA':
            say('354 go ahead')
            data = b''
            while True:
                l = f.readline()
                if not l or l == b'.\r\n':
                    break
                if l.startswith(b'.'):
                    l = l[1:]
                data += l
            n += 1
            base = os.path.join(d, str(n))
            with open(base + '.eml', 'wb') as o:
                o.write(data)
            with open(base + '.env', 'w') as o:
                o.write('\n'.join(env) + '\n')
            m = email.message_from_bytes(data, policy=email.policy.default)
            with open(base + '.subject', 'w', encoding='utf-8') as o:
                o.write(str(m['subject']))
            with open(base + '.body', 'w', encoding='utf-8') as o:
                o.write(m.get_content())
            with open(base + '.done', 'w') as o:
                o.write('')
            say('250 queued as %d' % n)
        elif verb in ('RSET', 'NOOP'):
            say('250 ok')
        elif verb == 'QUIT':
            say('221 bye')
            break
        else:
            say('502 not implemented')
    c.close()
    return n


serve(sys.argv[1])
