"""A foreign SOAP client for the hub's contract test: Python zeep, built from the served WSDL.

Reads {"wsdl", "username", "password", "records"} as JSON on stdin, calls both operations and a
refused one, and prints what zeep made of the answers as JSON on stdout. Run with /usr/bin/python3
(Debian's python3-zeep).
"""
import json
import sys

from lxml import etree
from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.wsse.username import UsernameToken


def plain(value):
    return json.loads(json.dumps(serialize_object(value), default=str))


def fault_view(fault):
    detail = fault.detail
    code = None
    if detail is not None:
        found = detail.find('.//{urn:civil-status-hub:v1}code')
        code = found.text if found is not None else None
    return {'faultcode': fault.code, 'message': fault.message, 'code': code}


def main():
    given = json.load(sys.stdin)
    client = Client(given['wsdl'], wsse=UsernameToken(given['username'], given['password']))
    result = {'operations': sorted(client.service._binding._operations.keys())}

    if 'xsdFile' in given:
        schema = etree.XMLSchema(etree.parse(given['xsdFile']))
        errors = []
        for index, xml in enumerate(given.get('recordXml', [])):
            if not schema.validate(etree.fromstring(xml.encode('utf-8'))):
                errors.extend(f'{index}: {e.message}' for e in schema.error_log)
        result['xsd'] = {'compiled': True, 'errors': errors}

    submitted = client.service.SubmitRecords(record=given['records'])
    result['submit'] = plain(submitted)

    item_ids = [o['itemId'] for o in result['submit']['outcome']]
    result['byItemId'] = plain(client.service.GetOutcomes(itemId=item_ids + ['00000000-0000-4000-8000-000000000000']))
    source_ids = [r['source']['sourceRecordId'] for r in given['records'][:2]]
    result['bySourceRecordId'] = plain(client.service.GetOutcomes(sourceRecordId=source_ids))

    wrong = Client(given['wsdl'], wsse=UsernameToken(given['username'], 'hub_not-the-key'))
    try:
        wrong.service.GetOutcomes(itemId=item_ids[:1])
        result['wrongKey'] = 'no fault'
    except Fault as fault:
        result['wrongKey'] = fault_view(fault)

    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main()
